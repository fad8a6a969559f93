import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { formatReference } from "@/lib/reports/reference";
import { uniqueDigits, uniqueSuffix } from "./db";

export type PaymentFixture = {
  establishment: typeof establishments.$inferSelect;
  employer: EmployerActor;
  worker: typeof workers.$inferSelect;
  report: typeof reports.$inferSelect;
};

/** A fresh establishment with an owner, for tests that count its reports (Art. 4) or must not share one. */
export async function createEstablishment() {
  const s = uniqueSuffix();
  const [est] = await db
    .insert(establishments)
    .values({
      crNumber: uniqueDigits(7),
      nameAr: `مؤسسة الاختبار ${s}`,
      nameEn: `Test Establishment ${s}`,
      governorateCode: "MA",
      address: "Ruwi, Muscat",
      municipalityLicenceNumber: `ML-${s}`,
      email: `info-${s}@establishment.example.om`,
      phone: `+9682${uniqueDigits(7)}`,
    })
    .returning();
  const [user] = await db
    .insert(employerUsers)
    .values({
      establishmentId: est!.id,
      role: "owner",
      name: `Owner ${s}`,
      email: `owner-${s}@establishment.example.om`,
      emailVerifiedAt: new Date(),
    })
    .returning();
  const employer: EmployerActor = {
    kind: "employer",
    sessionId: crypto.randomUUID(),
    userId: user!.id,
    establishmentId: est!.id,
    role: "owner",
    name: user!.name,
    email: user!.email,
  };
  return { establishment: est!, employer };
}

export async function createWorker(
  establishmentId: string,
  opts: { nationality?: string; email?: string | null } = {},
) {
  const s = uniqueSuffix();
  const [w] = await db
    .insert(workers)
    .values({
      civilId: `9${uniqueDigits(8)}`,
      passportNumber: `P${uniqueDigits(8)}`,
      nameAr: "عامل اختبار",
      nameEn: `Test Worker ${s}`,
      nationality: opts.nationality ?? "IN",
      dateOfBirth: "1990-01-01",
      mobile: `+96899${uniqueDigits(6)}`,
      email: opts.email === undefined ? `worker-${s}@example.com` : opts.email,
      establishmentId,
      occupation: "Mason",
      permitNumber: `WP${uniqueDigits(8)}`,
      enteredOmanOn: "2020-01-01",
    })
    .returning();
  return w!;
}

/** A report that has been checked and waits for its deposit, as the filing journey leaves it. */
export async function createAwaitingPaymentReport(
  opts: {
    establishment?: PaymentFixture["establishment"];
    employer?: EmployerActor;
    feeBaisa?: number;
    status?: "awaiting_payment" | "draft";
    worker?: { nationality?: string; email?: string | null };
  } = {},
): Promise<PaymentFixture> {
  const base =
    opts.establishment && opts.employer
      ? { establishment: opts.establishment, employer: opts.employer }
      : await createEstablishment();
  const worker = await createWorker(base.establishment.id, opts.worker);
  const [{ seq }] = (await db.execute(
    sql`select nextval('report_reference_seq')::int as seq`,
  )) as unknown as [{ seq: number }];
  const [report] = await db
    .insert(reports)
    .values({
      reference: formatReference(2026, seq),
      establishmentId: base.establishment.id,
      workerId: worker.id,
      createdBy: base.employer.userId,
      status: opts.status ?? "awaiting_payment",
      lastDayAtWork: "2026-11-01",
      workGovernorateCode: "MA",
      workAddress: "Site 4, Ruwi",
      contactAttempts: "Called twice",
      declDisputeBeforeAbsence: false,
      declWorkerLeftCountryKnown: false,
      declOnLegalLeave: false,
      declResignationAccepted: false,
      feeBaisa: opts.feeBaisa ?? 145_500,
    })
    .returning();
  return { ...base, worker, report: report! };
}

export async function reloadReport(id: string) {
  const [r] = await db.select().from(reports).where(eq(reports.id, id));
  return r!;
}
