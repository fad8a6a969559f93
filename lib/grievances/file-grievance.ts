import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { establishments, evidenceFiles, grievances, reports } from "@/db/schema";
import type { WorkerActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { appBaseUrl } from "@/lib/app-url";
import { alertStaff } from "@/lib/notifications/staff-alert";
import { workers } from "@/db/schema";
import {
  checkUploads,
  removeStored,
  storeGrievanceFiles,
  type IncomingFile,
  type UploadError,
} from "@/lib/workers/upload";
import type { GrievanceGround } from "./schemas";
import { grievanceWindow } from "./window";

import { OPEN_GRIEVANCE_STATUSES } from "./states";
import { isUniqueViolation } from "@/lib/db-errors";

export { OPEN_GRIEVANCE_STATUSES };

export type FileGrievanceInput = {
  reportId: string;
  grounds: GrievanceGround;
  statement: string;
  /** Already normalised to E.164. */
  contactPhone: string;
  attachments: IncomingFile[];
  /** The worker's language: their receipt SMS is written in it. */
  locale: Locale;
  ip: string | null;
};

export type FileGrievanceResult =
  | { ok: true; grievanceId: string }
  | { ok: false; code: "not_found" }
  | { ok: false; code: "report_not_in_force" }
  | { ok: false; code: "deadline_passed"; deadline: string }
  | { ok: false; code: "already_open" }
  | { ok: false; code: UploadError };

/**
 * A worker files a grievance (تظلم) against a report filed about them. Checks, in order: the report is about
 * this worker (otherwise it does not exist for them); the window is open (from submission until the
 * deadline, Muscat date inclusive) and the report still stands; no other grievance on it is open (also a
 * unique index, which settles a race). Then writes the grievance, its attachments, the audit row, an e-mail to
 * the establishment (that a grievance exists, nothing of its content), a receipt SMS to the worker and a staff
 * alert, in one transaction.
 */
export async function fileGrievance(
  actor: WorkerActor,
  input: FileGrievanceInput,
  now: Date = new Date(),
): Promise<FileGrievanceResult> {
  const [found] = await db
    .select({ report: reports, establishment: establishments, workerMobile: workers.mobile })
    .from(reports)
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .where(and(eq(reports.id, input.reportId), eq(reports.workerId, actor.workerId)));
  if (!found || found.report.status === "draft" || found.report.status === "awaiting_payment")
    return { ok: false, code: "not_found" };
  const { report, establishment } = found;

  const window = grievanceWindow(report, now);
  if (!window.open) {
    return window.reason === "deadline_passed"
      ? { ok: false, code: "deadline_passed", deadline: window.deadline }
      : { ok: false, code: "report_not_in_force" };
  }
  const [open] = await db
    .select({ id: grievances.id })
    .from(grievances)
    .where(and(eq(grievances.reportId, report.id), inArray(grievances.status, OPEN_GRIEVANCE_STATUSES)));
  if (open) return { ok: false, code: "already_open" };

  const checked = checkUploads(input.attachments);
  if (!checked.ok) return checked;
  const stored = await storeGrievanceFiles(checked.files);

  try {
    const grievanceId = await db.transaction(async (tx) => {
      const [g] = await tx
        .insert(grievances)
        .values({
          reportId: report.id,
          workerId: actor.workerId,
          grounds: input.grounds,
          statement: input.statement,
          contactPhone: input.contactPhone,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: grievances.id });
      const id = g!.id;
      if (stored.length > 0) {
        await tx.insert(evidenceFiles).values(
          stored.map(({ storageKey, file }) => ({
            reportId: report.id,
            grievanceId: id,
            kind: "grievance_attachment" as const,
            storageKey,
            originalName: file.originalName,
            mimeType: file.kind.mime,
            sizeBytes: file.bytes.length,
            sha256: file.sha256,
            uploadedByKind: "worker",
            uploadedBy: actor.workerId,
          })),
        );
      }
      await recordAudit(tx, {
        actor: { kind: "worker", id: actor.workerId },
        action: "grievance.filed",
        entityType: "grievance",
        entityId: id,
        after: {
          reportId: report.id,
          grounds: input.grounds,
          attachments: stored.length,
          reportStatus: report.status,
        },
        ip: input.ip,
      });
      // The employer learns that a grievance exists, not what it says. The establishment has no language of
      // its own on record, so the e-mail is in Arabic, the service's default.
      await notify(tx, {
        channel: "email",
        recipient: establishment.email,
        template: "employer.grievance-filed",
        locale: "ar",
        params: { establishment: establishment.nameAr, reference: report.reference },
        entity: { type: "grievance", id },
      });
      await notify(tx, {
        channel: "sms",
        recipient: found.workerMobile,
        template: "worker.grievance-received-sms",
        locale: input.locale,
        params: { reference: report.reference },
        entity: { type: "grievance", id },
      });
      // The reviewers: a new grievance waits in their queue (lib/notifications/staff-alert.ts).
      await alertStaff(tx, {
        roles: ["reviewer"],
        template: "staff.grievance-filed.email",
        params: { reference: report.reference, url: appBaseUrl() },
        entity: { type: "grievance", id },
      });
      return id;
    });
    return { ok: true, grievanceId };
  } catch (e) {
    await removeStored(stored.map((s) => s.storageKey));
    if (isUniqueViolation(e, "grievances_one_open_per_report")) return { ok: false, code: "already_open" };
    throw e;
  }
}
