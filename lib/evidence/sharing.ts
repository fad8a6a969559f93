import type { CaseFacts } from "@/lib/cases/facts";
import type { ActorRef } from "@/lib/lifecycle/machine";

/**
 * Who sees which evidence file of a case (issue 10, contradictions 10 and 11), as pure rules over the case's
 * facts, read by the download route, every page that lists files, and the staff's share form:
 * - the employer's evidence (bank statement, licence, address proof) is the employer's and staff's; the
 *   worker sees a file only once a reviewer shared it with them (`shared_with_worker`), so that a grievance can
 *   answer it;
 * - a grievance attachment is the worker's and staff's; the employer learns only that a grievance exists and
 *   its outcome, and sees an attachment only once a reviewer shared it with them (`shared_with_employer`).
 * Every share is audited (`evidence.shared`, with `shared_by`/`shared_at` on the row) and the party is told.
 */
export const EMPLOYER_EVIDENCE_KINDS = ["bank_statement", "municipality_licence", "address_proof"] as const;

export type ShareAudience = "worker" | "employer";
export const SHARE_AUDIENCES = ["worker", "employer"] as const satisfies readonly ShareAudience[];

type FileFacts = {
  kind: string;
  sharedWithWorker: boolean;
  sharedWithEmployer: boolean;
  uploadedByKind?: string;
  uploadedBy?: string;
};

/** The kind of file a reviewer may share with `audience`: the other party's files. */
export function sharedKindsFor(audience: ShareAudience): readonly string[] {
  return audience === "worker" ? EMPLOYER_EVIDENCE_KINDS : ["grievance_attachment"];
}

/** May the employer of the report's establishment see this file? */
export function employerMaySee(file: Pick<FileFacts, "kind" | "sharedWithEmployer">): boolean {
  return file.kind !== "grievance_attachment" || file.sharedWithEmployer;
}

/** May the worker the report is about see this file? Their own uploads, and what staff shared with them. */
export function workerMaySee(
  file: Pick<FileFacts, "kind" | "sharedWithWorker" | "uploadedByKind" | "uploadedBy">,
  workerId: string,
): boolean {
  if (file.uploadedByKind === "worker" && file.uploadedBy === workerId) return true;
  return file.sharedWithWorker && (EMPLOYER_EVIDENCE_KINDS as readonly string[]).includes(file.kind);
}

/** The case's files a reviewer could still share with `audience` (not shared with them yet). */
export function shareableFiles(c: CaseFacts, audience: ShareAudience): CaseFacts["evidence"] {
  const kinds = sharedKindsFor(audience);
  return c.evidence.filter(
    (f) => kinds.includes(f.kind) && !(audience === "worker" ? f.sharedWithWorker : f.sharedWithEmployer),
  );
}

/**
 * Why `actor` may not share files with `audience` on this case now (null: they may). The worker's copy is for
 * answering the report, so only while it stands (submitted or approved); the employer's copy of a grievance
 * attachment, whenever the report was filed.
 */
export function shareBlocker(c: CaseFacts, audience: ShareAudience, actor: ActorRef): string | null {
  if (actor.kind !== "staff" || actor.role === "finance") return "forbidden";
  const status = c.report.status;
  if (audience === "worker" && status !== "submitted" && status !== "approved") return "not_allowed_now";
  if (status === "draft" || status === "awaiting_payment" || status === "expired" || status === "discarded")
    return "not_allowed_now";
  if (shareableFiles(c, audience).length === 0) return "nothing_to_share";
  return null;
}
