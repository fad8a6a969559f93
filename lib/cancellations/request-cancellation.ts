import { db, type Tx } from "@/db";
import { cancellationRequests } from "@/db/schema";
import { actorRef, assertEmployer, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { loadCase } from "@/lib/cases/facts";
import { loadParties, notifyEmployer } from "@/lib/cases/parties";
import { appBaseUrl } from "@/lib/app-url";
import { alertStaff } from "@/lib/notifications/staff-alert";
import { isUniqueViolation } from "@/lib/db-errors";
import { refuse } from "@/lib/lifecycle/refusal";
import { assertMayCreate, recordCreation } from "@/lib/lifecycle/transition";
import { lockOwnReport } from "@/lib/reports/own-report";
import { cancellationMachine } from "./states";

export const CANCELLATION_REASONS = ["worker_returned", "filed_by_mistake", "settled"] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export type RequestCancellationInput = {
  reportId: string;
  reason: CancellationReason;
  explanation: string;
  ip?: string | null;
  /** Base of the links in the messages (default: the configured address). */
  appUrl?: string;
};

/**
 * The employer (owner or HR officer) asks the ministry to cancel a submitted or approved report. Who may and
 * when is the cancellation lifecycle's creation rule (lib/cancellations/states.ts), checked on the case under
 * the report's lock; the partial unique index `cancellation_one_open_per_report` settles a race past it.
 * The employer gets a receipt by e-mail and the reviewers a staff alert (lib/notifications/staff-alert.ts),
 * in the same transaction (issue 10 §12: the lifecycle's creation `tells` employer and staff).
 */
export async function requestCancellation(
  actorIn: Actor | null,
  input: RequestCancellationInput,
  database: Tx = db,
): Promise<{ id: string }> {
  const actor = assertEmployer(actorIn);
  try {
    return await database.transaction(async (tx) => {
      const report = await lockOwnReport(tx, actor, input.reportId);
      const c = await loadCase(tx, report.id);
      if (!c) refuse("not_found");
      assertMayCreate(cancellationMachine, actorRef(actor), c);
      const [row] = await tx
        .insert(cancellationRequests)
        .values({
          reportId: report.id,
          reason: input.reason,
          explanation: input.explanation,
          requestedBy: actor.userId,
        })
        .returning({ id: cancellationRequests.id });
      await recordCreation(tx, {
        machine: cancellationMachine,
        id: row!.id,
        reportId: report.id,
        status: "submitted",
        actor: actorRef(actor),
        reasonCode: input.reason,
      });
      await recordAudit(tx, {
        actor: { kind: "employer", id: actor.userId },
        action: "cancellation.requested",
        entityType: "cancellation_request",
        entityId: row!.id,
        after: {
          reportId: report.id,
          reference: report.reference,
          reportStatus: report.status,
          reason: input.reason,
        },
        ip: input.ip,
      });
      const parties = await loadParties(tx, report.id);
      const url = input.appUrl ?? appBaseUrl();
      const entity = { type: "cancellation_request", id: row!.id };
      const names = {
        reference: report.reference,
        establishmentAr: parties!.establishment.nameAr,
        establishmentEn: parties!.establishment.nameEn,
        url,
      };
      await notifyEmployer(
        tx,
        parties!,
        { template: "employer.cancellation-received.email", params: { ...names, reason: input.reason } },
        entity,
      );
      await alertStaff(tx, {
        roles: ["reviewer"],
        template: "staff.cancellation-requested.email",
        params: names,
        entity,
      });
      return { id: row!.id };
    });
  } catch (e) {
    if (isUniqueViolation(e, "cancellation_one_open_per_report")) refuse("cancellation_already_open");
    throw e;
  }
}
