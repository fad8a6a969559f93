import { cancellationMachine } from "@/lib/cancellations/states";
import { depositMachine } from "@/lib/deposits/states";
import { workerExitMachine } from "@/lib/exits/states";
import { grievanceMachine } from "@/lib/grievances/states";
import { referralMachine } from "@/lib/inspections/states";
import { refundMachine } from "@/lib/refunds/states";
import { reportMachine } from "@/lib/reports/states";
import { suspensionMachine } from "@/lib/suspensions/states";
import type { Machine } from "./machine";

const any = <S extends string, T extends string, C>(m: Machine<S, T, C>) =>
  m as unknown as Machine<string, string, never>;

/**
 * Every lifecycle of the legal process, in the order the lifecycles page shows them. A new lifecycle is added
 * here: the page (docs/lifecycles.md), its test and the per-table unit tests pick it up.
 */
export const MACHINES: readonly { title: string; machine: Machine<string, string, never> }[] = [
  { title: "Work-abandonment report", machine: any(reportMachine) },
  { title: "Ticket deposit", machine: any(depositMachine) },
  { title: "Refund request", machine: any(refundMachine) },
  { title: "Cancellation request (employer)", machine: any(cancellationMachine) },
  { title: "Grievance (worker)", machine: any(grievanceMachine) },
  { title: "Art. 4 inspection referral", machine: any(referralMachine) },
  { title: "Suspension (Art. 4)", machine: any(suspensionMachine) },
  { title: "Worker's exit (recorded by staff)", machine: any(workerExitMachine) },
];
