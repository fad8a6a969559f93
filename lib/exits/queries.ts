import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { staffUsers, workerExits } from "@/db/schema";
import { staffRef, type StaffActor } from "@/lib/auth/actor";
import { loadCase } from "@/lib/cases/facts";
import { whyNotCreate } from "@/lib/lifecycle/machine";
import { muscatDate } from "@/lib/time";
import { exitKindBlocker, WORKER_EXIT_KINDS, workerExitMachine, type WorkerExitKind } from "./states";

/**
 * For the staff case page: the exits recorded on the report (with who recorded them), and the kinds of exit
 * this staff member may record now — from the exit's own rules (lib/exits/states.ts), the ones the use case
 * enforces, so the form never offers what would be refused.
 */
export async function exitsForCase(actor: StaffActor, reportId: string) {
  const [c, rows] = await Promise.all([
    loadCase(db, reportId),
    db
      .select({ exit: workerExits, recordedBy: staffUsers.name })
      .from(workerExits)
      .innerJoin(staffUsers, eq(staffUsers.id, workerExits.recordedBy))
      .where(eq(workerExits.reportId, reportId))
      .orderBy(asc(workerExits.createdAt)),
  ]);
  if (!c) return { exits: rows, kinds: [] as WorkerExitKind[] };
  const ref = staffRef(actor);
  const today = muscatDate(c.now);
  const kinds = whyNotCreate(workerExitMachine, ref, c)
    ? []
    : WORKER_EXIT_KINDS.filter((k) => {
        const bad = exitKindBlocker(c, ref, k, today);
        // The date is the form's to choose: only the kind's own rules decide what is offered.
        return !bad || bad.field === "exitDate";
      });
  return { exits: rows, kinds };
}
