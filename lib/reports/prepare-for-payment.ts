import { actorRef, assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { currentFeeBaisa } from "./fees";
import {
  inTransaction,
  loadSnapshot,
  lockOwnReport,
  nowOf,
  refused,
  type FilingContext,
  type Refused,
} from "./filing-context";
import { findProblems, type Problem } from "./review";
import { loadCase } from "@/lib/cases/facts";
import { moveReport } from "./lifecycle";
import { isUniqueViolation } from "@/lib/db-errors";

export type PrepareResult =
  | { ok: true; reportId: string; feeBaisa: number }
  /** Something is missing or no longer allowed: each problem names the step that fixes it. */
  | { ok: false; code: "incomplete"; problems: Problem[] }
  | Refused;

/**
 * "Continue to payment": every rule is checked again at this moment (the worker's permit, open reports, the
 * establishment's suspension and governorate, the 7 days, the declarations, the evidence), the deposit is fixed
 * from the fee table as it stands now, and the draft moves to awaiting_payment. Already awaiting payment:
 * nothing changes (a second click, or the back button).
 */
export async function prepareForPayment(
  actor: EmployerActor,
  reportId: string,
  ctx: FilingContext = {},
): Promise<PrepareResult> {
  assertEmployer(actor);
  const now = nowOf(ctx);
  try {
    return await inTransaction(ctx, async (tx): Promise<PrepareResult> => {
      const report = await lockOwnReport(tx, actor, reportId);
      if (!report) return refused("not_found");
      if (report.status === "awaiting_payment" && report.feeBaisa)
        return { ok: true, reportId: report.id, feeBaisa: report.feeBaisa };
      if (report.status !== "draft") return refused("not_editable");

      const snapshot = await loadSnapshot(tx, report);
      const problems = findProblems(snapshot, now);
      if (problems.length > 0) return { ok: false, code: "incomplete", problems };

      const feeBaisa = await currentFeeBaisa(tx, snapshot.worker.nationality, now);
      if (!feeBaisa) return refused("fee_missing");

      const c = await loadCase(tx, report.id, { now });
      if (!c) return refused("not_found");
      await moveReport(tx, "sent_to_payment", {
        id: report.id,
        actor: actorRef(actor),
        context: c,
        reasonCode: "answers_checked",
        expectedVersion: report.version,
        set: { feeBaisa },
        audit: { feeBaisa, nationality: snapshot.worker.nationality },
        ip: ctx.ip ?? null,
        now,
      });
      return { ok: true, reportId: report.id, feeBaisa };
    });
  } catch (e) {
    // Another report for this worker became open between our check and our write: the index said no.
    if (isUniqueViolation(e, "reports_one_open_per_worker")) return refused("open_report_exists");
    throw e;
  }
}
