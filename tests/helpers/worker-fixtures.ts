import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
import { AL_NOOR_CR, DEMO_ACCOUNTS } from "@/db/seed";
import type { WorkerActor } from "@/lib/auth/actor";
import { formatReference } from "@/lib/reports/reference";
import type { ReportStatus } from "@/lib/reports/states";
import { uniqueDigits } from "./db";

/** A fresh worker at Al Noor, with a unique civil ID, mobile number and permit. */
export async function createWorker(tx: Tx, opts: { email?: string | null } = {}) {
  const [est] = await tx
    .select({ id: establishments.id })
    .from(establishments)
    .where(eq(establishments.crNumber, AL_NOOR_CR));
  const digits = uniqueDigits(8);
  const [w] = await tx
    .insert(workers)
    .values({
      civilId: `9${digits}`,
      passportNumber: `T${digits}`,
      nameAr: "عامل للاختبار",
      nameEn: "Test Worker",
      nationality: "IN",
      dateOfBirth: "1990-01-01",
      mobile: `+9689${uniqueDigits(7)}`,
      email: opts.email === undefined ? `worker.${digits}@example.com` : opts.email,
      establishmentId: est!.id,
      occupation: "Mason",
      permitNumber: `WT${digits}`,
      enteredOmanOn: "2020-01-01",
    })
    .returning();
  return w!;
}

export function workerActor(worker: { id: string; nameEn: string; nameAr: string }): WorkerActor {
  return {
    kind: "worker",
    sessionId: "00000000-0000-0000-0000-000000000000",
    workerId: worker.id,
    name: worker.nameEn,
    nameAr: worker.nameAr,
  };
}

/** A report against `workerId`, filed by Al Noor's demo owner, written straight into the table. */
export async function createReport(
  tx: Tx,
  input: {
    workerId: string;
    status: ReportStatus;
    submittedAt?: Date | null;
    approvedAt?: Date | null;
    grievanceDeadline?: string | null;
    lastDayAtWork?: string;
  },
) {
  const [owner] = await tx
    .select({ id: employerUsers.id, establishmentId: employerUsers.establishmentId })
    .from(employerUsers)
    .where(eq(employerUsers.email, DEMO_ACCOUNTS.employer[0].email));
  const [seq] = await tx.execute<{ n: string }>(sql`select nextval('report_reference_seq')::text as n`);
  const submittedAt = input.submittedAt === undefined ? new Date() : input.submittedAt;
  const [r] = await tx
    .insert(reports)
    .values({
      reference: formatReference(2026, Number(seq!.n)),
      establishmentId: owner!.establishmentId,
      workerId: input.workerId,
      createdBy: owner!.id,
      status: input.status,
      lastDayAtWork: input.lastDayAtWork ?? "2026-11-01",
      workGovernorateCode: "MA",
      workAddress: "Ghala Industrial Area, building 12",
      contactAttempts: "Called three times on 3, 4 and 5 November; sent a WhatsApp message.",
      declDisputeBeforeAbsence: false,
      declWorkerLeftCountryKnown: false,
      declOnLegalLeave: false,
      declResignationAccepted: false,
      feeBaisa: 150_000,
      submittedAt,
      approvedAt: input.approvedAt ?? null,
      decidedAt: input.approvedAt ?? null,
      grievanceDeadline: input.grievanceDeadline ?? null,
    })
    .returning();
  return r!;
}
