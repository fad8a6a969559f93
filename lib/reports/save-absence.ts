import { eq } from "drizzle-orm";
import { governorates, reports, workers } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import {
  auditActor,
  inTransaction,
  nowOf,
  openForEdit,
  refused,
  type FilingContext,
  type Refused,
} from "./filing-context";
import { checkLastDayAtWork } from "./rules";

/** Step 2, one page at a time: the last day at work; where the worker worked; what was done to reach them. */
export type AbsenceInput =
  | { part: "last_day"; lastDayAtWork: string }
  | { part: "workplace"; workGovernorateCode: string; workAddress: string }
  | { part: "contact"; contactAttempts: string };

export type SaveResult = { ok: true; reportId: string } | Refused;

/**
 * Saves one part of the absence step on the draft. The last day at work is refused when it is in the future,
 * before the worker entered Oman, or fewer than 7 days ago (Muscat calendar) — with the first date on which
 * the report can be filed — and then nothing is saved.
 */
export async function saveAbsence(
  actor: EmployerActor,
  reportId: string,
  input: AbsenceInput,
  ctx: FilingContext = {},
): Promise<SaveResult> {
  assertEmployer(actor);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const open = await openForEdit(tx, actor, reportId, ctx);
    if (!open.ok) return open;
    const report = open.report;
    let set: Partial<typeof reports.$inferInsert>;
    switch (input.part) {
      case "last_day": {
        const [worker] = await tx
          .select({ enteredOmanOn: workers.enteredOmanOn })
          .from(workers)
          .where(eq(workers.id, report.workerId));
        const bad = checkLastDayAtWork(input.lastDayAtWork, worker!, now);
        if (bad?.code === "too_early") return refused("too_early", { firstDate: bad.firstDate }, "lastDay");
        if (bad?.code === "last_day_before_entry")
          return refused(bad.code, { enteredOmanOn: bad.enteredOmanOn }, "lastDay");
        if (bad) return refused(bad.code, undefined, "lastDay");
        set = { lastDayAtWork: input.lastDayAtWork };
        break;
      }
      case "workplace": {
        const [g] = await tx
          .select({ code: governorates.code })
          .from(governorates)
          .where(eq(governorates.code, input.workGovernorateCode));
        if (!g) return refused("governorate_invalid", undefined, "workGovernorateCode");
        set = { workGovernorateCode: input.workGovernorateCode, workAddress: input.workAddress };
        break;
      }
      case "contact":
        set = { contactAttempts: input.contactAttempts };
        break;
    }
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, report[k as keyof typeof report]]));
    await tx
      .update(reports)
      .set({ ...set, updatedAt: now })
      .where(eq(reports.id, report.id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: `report.${input.part}_saved`,
      entityType: "report",
      entityId: report.id,
      before,
      after: set,
      ip: ctx.ip ?? null,
    });
    return { ok: true, reportId: report.id };
  });
}
