/**
 * A controlled set of reports filed in March 2019 (Muscat time), a month nothing else uses, so statistics
 * over that month are exact. Times are given with Muscat's +04:00 offset; two reports sit just outside the
 * month in Muscat although inside it in UTC (or the other way round), to prove the month is Muscat's.
 */
import { db } from "@/db";
import { deposits, grievances, reports } from "@/db/schema";
import { formatReference } from "@/lib/reports/reference";
import type { ReportStatus } from "@/lib/reports/states";
import { uniqueDigits } from "./db";
import { createEstablishment, createWorker, type Establishment } from "./tracking-fixtures";

const HOUR = 3_600_000;

type Spec = {
  est: Establishment;
  nationality: string;
  workerNameAr?: string;
  workerNameEn?: string;
  status: ReportStatus;
  submittedAt: string | null;
  decidedAfterHours?: number;
  workGovernorate?: string;
  deposit?: { status: "paid" | "refunded" | "utilised"; amount: number; refunded?: number };
  grievance?: "accepted" | "rejected" | "submitted";
};

export async function insertFixtureReport(spec: Spec): Promise<{ id: string; reference: string }> {
  const worker = await createWorker(spec.est.id, {
    nationality: spec.nationality,
    nameAr: spec.workerNameAr,
    nameEn: spec.workerNameEn,
    permitStatus: "active",
  });
  const submittedAt = spec.submittedAt ? new Date(spec.submittedAt) : null;
  const decidedAt =
    submittedAt && spec.decidedAfterHours !== undefined
      ? new Date(submittedAt.getTime() + spec.decidedAfterHours * HOUR)
      : null;
  const [r] = await db
    .insert(reports)
    .values({
      reference: formatReference(2098, Number(uniqueDigits(6))),
      establishmentId: spec.est.id,
      workerId: worker.id,
      createdBy: spec.est.owner.userId,
      status: spec.status,
      lastDayAtWork: "2019-02-01",
      workGovernorateCode: spec.workGovernorate ?? null,
      feeBaisa: spec.status === "draft" ? null : (spec.deposit?.amount ?? 85_000),
      submittedAt,
      decidedAt,
      approvedAt: spec.status === "approved" || spec.status === "cancelled" ? decidedAt : null,
      createdAt: submittedAt ?? new Date("2019-03-05T10:00:00+04:00"),
    })
    .returning({ id: reports.id, reference: reports.reference });
  if (spec.deposit) {
    const d = spec.deposit;
    await db.insert(deposits).values({
      reportId: r!.id,
      amountBaisa: d.amount,
      status: d.status,
      provider: "local",
      paidAt: submittedAt,
      refundedBaisa: d.status === "refunded" ? (d.refunded ?? d.amount) : 0,
      refundedAt: d.status === "refunded" ? new Date("2019-06-01T00:00:00Z") : null,
      utilisedAt: d.status === "utilised" ? new Date("2019-06-01T00:00:00Z") : null,
      ticketReference: d.status === "utilised" ? "TKT-2019-1" : null,
    });
  }
  if (spec.grievance) {
    await db.insert(grievances).values({
      reportId: r!.id,
      workerId: worker.id,
      status: spec.grievance,
      grounds: "at_work",
      statement: "fixture",
      contactPhone: "+96891234567",
      decidedAt: spec.grievance === "submitted" ? null : new Date("2019-04-10T00:00:00Z"),
    });
  }
  return r!;
}

/**
 * March 2019, Muscat: five filed reports (three in Muscat governorate MA, one in Al Dakhiliyah DA, one
 * filed by the DA establishment for work in Musandam MU), plus three that must not count.
 */
export async function createMarch2019Fixture() {
  const muscat = await createEstablishment("Stats MA");
  const dakhiliyah = await createEstablishment("Stats DA");
  const { establishments } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  await db.update(establishments).set({ governorateCode: "DA" }).where(eq(establishments.id, dakhiliyah.id));

  // In the month (Muscat): 00:30 on 1 March in Muscat is still 28 February in UTC.
  await insertFixtureReport({
    est: muscat,
    nationality: "IN",
    status: "approved",
    submittedAt: "2019-03-01T00:30:00+04:00",
    decidedAfterHours: 24,
    deposit: { status: "paid", amount: 85_000 },
    grievance: "rejected",
  });
  await insertFixtureReport({
    est: muscat,
    nationality: "IN",
    status: "rejected",
    submittedAt: "2019-03-10T10:00:00+04:00",
    decidedAfterHours: 48,
    deposit: { status: "refunded", amount: 85_000 },
  });
  await insertFixtureReport({
    est: muscat,
    nationality: "BD",
    status: "cancelled",
    submittedAt: "2019-03-15T09:00:00+04:00",
    decidedAfterHours: 72,
    deposit: { status: "refunded", amount: 85_000, refunded: 40_000 },
    grievance: "accepted",
  });
  await insertFixtureReport({
    est: dakhiliyah,
    nationality: "PK",
    status: "approved",
    submittedAt: "2019-03-31T23:00:00+04:00",
    decidedAfterHours: 96,
    deposit: { status: "utilised", amount: 90_000 },
    grievance: "rejected",
  });
  await insertFixtureReport({
    est: dakhiliyah,
    nationality: "IN",
    status: "submitted",
    submittedAt: "2019-03-20T12:00:00+04:00",
    workGovernorate: "MU",
    deposit: { status: "paid", amount: 90_000 },
    grievance: "submitted",
  });

  // Outside the month: 00:10 on 1 April in Muscat (still March in UTC), 23:50 on 28 February, and a draft.
  await insertFixtureReport({
    est: muscat,
    nationality: "IN",
    status: "approved",
    submittedAt: "2019-04-01T00:10:00+04:00",
    decidedAfterHours: 1000,
    deposit: { status: "paid", amount: 85_000 },
  });
  await insertFixtureReport({
    est: muscat,
    nationality: "EG",
    status: "submitted",
    submittedAt: "2019-02-28T23:50:00+04:00",
    deposit: { status: "paid", amount: 85_000 },
  });
  await insertFixtureReport({ est: muscat, nationality: "IN", status: "draft", submittedAt: null });
  return { muscat, dakhiliyah };
}
