/**
 * What hangs on a report, written straight into the tables for the pages that show it (the use cases that
 * make these rows have tests of their own): the employer's evidence, an open cancellation request, an open
 * grievance with an attachment. Rows only: the files themselves are not stored.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { cancellationRequests, evidenceFiles, grievances, reports } from "@/db/schema";

type FileRow = typeof evidenceFiles.$inferInsert;

function fileRow(reportId: string, over: Partial<FileRow>): FileRow {
  return {
    reportId,
    kind: "bank_statement",
    storageKey: `evidence/${randomUUID()}`,
    originalName: "statement.pdf",
    mimeType: "application/pdf",
    sizeBytes: 2048,
    sha256: "0".repeat(64),
    uploadedByKind: "employer",
    uploadedBy: randomUUID(),
    ...over,
  };
}

export async function addCaseRows(
  tx: Tx,
  reportId: string,
  opts: {
    evidence?: boolean;
    cancellation?: boolean;
    grievance?: "submitted" | "under_review" | "closed" | false;
    sharedWithWorker?: boolean;
  },
) {
  const [report] = await tx.select().from(reports).where(eq(reports.id, reportId));
  if (!report) throw new Error("no such report");
  const out: { evidenceId?: string; cancellationId?: string; grievanceId?: string; attachmentId?: string } =
    {};
  if (opts.evidence) {
    const [f] = await tx
      .insert(evidenceFiles)
      .values(
        fileRow(reportId, {
          uploadedBy: report.createdBy,
          sharedWithWorker: opts.sharedWithWorker ?? false,
          sharedAt: opts.sharedWithWorker ? new Date() : null,
        }),
      )
      .returning({ id: evidenceFiles.id });
    out.evidenceId = f!.id;
  }
  if (opts.cancellation) {
    const [c] = await tx
      .insert(cancellationRequests)
      .values({
        reportId,
        reason: "worker_returned",
        explanation: "The worker came back to work on Sunday.",
        requestedBy: report.createdBy,
      })
      .returning({ id: cancellationRequests.id });
    out.cancellationId = c!.id;
  }
  if (opts.grievance) {
    const [g] = await tx
      .insert(grievances)
      .values({
        reportId,
        workerId: report.workerId,
        status: opts.grievance,
        grounds: "salary_unpaid",
        statement: "My salary for two months was not paid, so I stopped.",
        contactPhone: "+96891234567",
      })
      .returning({ id: grievances.id });
    out.grievanceId = g!.id;
    const [a] = await tx
      .insert(evidenceFiles)
      .values(
        fileRow(reportId, {
          kind: "grievance_attachment",
          grievanceId: g!.id,
          originalName: "payslip.png",
          mimeType: "image/png",
          uploadedByKind: "worker",
          uploadedBy: report.workerId,
        }),
      )
      .returning({ id: evidenceFiles.id });
    out.attachmentId = a!.id;
  }
  return out;
}
