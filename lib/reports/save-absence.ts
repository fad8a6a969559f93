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

/**
 * The absence page (the last day at work; where the worker worked; what was done to reach them). Any part may
 * be given on its own; the workplace is its governorate and address together.
 */
export type AbsenceInput = { lastDayAtWork?: string; contactAttempts?: string } & (
  | { workGovernorateCode: string; workAddress: string }
  | { workGovernorateCode?: undefined; workAddress?: undefined }
);

export type SaveResult = { ok: true; reportId: string } | Refused;

/**
 * Saves the absence answers on the draft. The last day at work is refused when it is in the future, before
 * the worker entered Oman, or fewer than 7 days ago (Muscat calendar) — with the first date on which the report
 * can be filed; the other answers of the page are then still saved (the employer who must wait until that date
 * finds them again), and the refusal is returned on the `lastDay` field. A governorate that does not exist
 * (only a forged form sends one) saves nothing.
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
    const set: Partial<typeof reports.$inferInsert> = {};
    let lastDayRefused: Refused | null = null;

    if (input.workGovernorateCode !== undefined) {
      const [g] = await tx
        .select({ code: governorates.code })
        .from(governorates)
        .where(eq(governorates.code, input.workGovernorateCode));
      if (!g) return refused("governorate_invalid", undefined, "workGovernorateCode");
      set.workGovernorateCode = input.workGovernorateCode;
      set.workAddress = input.workAddress;
    }
    if (input.lastDayAtWork !== undefined) {
      const [worker] = await tx
        .select({ enteredOmanOn: workers.enteredOmanOn })
        .from(workers)
        .where(eq(workers.id, report.workerId));
      const bad = checkLastDayAtWork(input.lastDayAtWork, worker!, now);
      if (bad?.code === "too_early")
        lastDayRefused = refused("too_early", { firstDate: bad.firstDate }, "lastDay");
      else if (bad?.code === "last_day_before_entry")
        lastDayRefused = refused(bad.code, { enteredOmanOn: bad.enteredOmanOn }, "lastDay");
      else if (bad) lastDayRefused = refused(bad.code, undefined, "lastDay");
      else set.lastDayAtWork = input.lastDayAtWork;
    }
    if (input.contactAttempts !== undefined) set.contactAttempts = input.contactAttempts;

    const keys = Object.keys(set) as (keyof typeof set)[];
    if (keys.length > 0) {
      const before = Object.fromEntries(keys.map((k) => [k, report[k as keyof typeof report]]));
      await tx
        .update(reports)
        .set({ ...set, updatedAt: now })
        .where(eq(reports.id, report.id));
      await recordAudit(tx, {
        actor: auditActor(actor),
        action: "report.absence_saved",
        entityType: "report",
        entityId: report.id,
        before,
        after: set,
        ip: ctx.ip ?? null,
      });
    }
    return lastDayRefused ?? { ok: true, reportId: report.id };
  });
}
