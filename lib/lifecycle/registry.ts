import { cancellationMachine } from "@/lib/cancellations/states";
import { grievanceMachine } from "@/lib/grievances/states";
import { reportMachine } from "@/lib/reports/states";
import type { Machine } from "./machine";

/**
 * Every lifecycle of the legal process, in the order the lifecycles page shows them. A new lifecycle is added
 * here: the page (docs/lifecycles.md), its test and the per-table unit tests pick it up.
 */
export const MACHINES: readonly { title: string; machine: Machine<string, string, never> }[] = [
  { title: "Work-abandonment report", machine: reportMachine as unknown as Machine<string, string, never> },
  {
    title: "Cancellation request (employer)",
    machine: cancellationMachine as unknown as Machine<string, string, never>,
  },
  { title: "Grievance (worker)", machine: grievanceMachine as unknown as Machine<string, string, never> },
];
