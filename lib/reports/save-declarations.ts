import { eq } from "drizzle-orm";
import { reports } from "@/db/schema";
import { assertEmployer, type EmployerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import {
  auditActor,
  inTransaction,
  lockOwnReport,
  nowOf,
  openForEdit,
  type FilingContext,
  type Refused,
} from "./filing-context";
import { checkDeclarations, DECLARATION_KEYS, type DeclarationReason, type DeclarationKey } from "./rules";

export type DeclarationsInput = Record<DeclarationKey, boolean>;

export type SaveDeclarationsResult =
  | { ok: true; reportId: string }
  /** Saved as answered, but the report is not permitted: one reason per "yes". */
  | { ok: false; code: "impermissible"; reasons: DeclarationReason[] }
  | Refused;

/**
 * The four Art. 2 declarations, made on "check your answers" as the statement that sends the report. The
 * answers are saved as given (they are the employer's statement); any "yes" stops the journey with the reason
 * for each. The same answers again on a draft write nothing (no audit row for a repeated statement).
 */
export async function saveDeclarations(
  actor: EmployerActor,
  reportId: string,
  input: DeclarationsInput,
  ctx: FilingContext = {},
): Promise<SaveDeclarationsResult> {
  assertEmployer(actor);
  const now = nowOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const current = await lockOwnReport(tx, actor, reportId);
    if (current && current.status === "draft" && DECLARATION_KEYS.every((k) => current[k] === input[k])) {
      const { reasons } = checkDeclarations(input);
      if (reasons.length > 0) return { ok: false as const, code: "impermissible" as const, reasons };
      return { ok: true as const, reportId: current.id };
    }
    const open = await openForEdit(tx, actor, reportId, ctx);
    if (!open.ok) return open;
    const report = open.report;
    const set = Object.fromEntries(DECLARATION_KEYS.map((k) => [k, input[k]])) as DeclarationsInput;
    await tx
      .update(reports)
      .set({ ...set, updatedAt: now })
      .where(eq(reports.id, report.id));
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: "report.declarations_saved",
      entityType: "report",
      entityId: report.id,
      before: Object.fromEntries(DECLARATION_KEYS.map((k) => [k, report[k]])),
      after: set,
      ip: ctx.ip ?? null,
    });
    const { reasons } = checkDeclarations(set);
    if (reasons.length > 0) return { ok: false as const, code: "impermissible" as const, reasons };
    return { ok: true as const, reportId: report.id };
  });
}
