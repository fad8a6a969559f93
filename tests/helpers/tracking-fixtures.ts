/**
 * Rows for the tracking tests: an establishment with its owner, workers and reports in any state, written
 * directly (the filing and payment journeys are tested elsewhere). Every value that must be unique carries a
 * random suffix, so test files never collide.
 */
import { db } from "@/db";
import { deposits, employerUsers, establishments, reportEvents, reports, workers } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { datesFromApproval } from "@/lib/reports/refund-grounds";
import { formatReference } from "@/lib/reports/reference";
import type { ReportStatus } from "@/lib/reports/states";
import { uniqueDigits, uniqueSuffix } from "./db";

type PermitStatus = (typeof workers.$inferInsert)["permitStatus"];

export type Establishment = { id: string; crNumber: string; owner: EmployerActor };

export async function createEstablishment(label = "Test"): Promise<Establishment> {
  const suffix = uniqueSuffix();
  const [est] = await db
    .insert(establishments)
    .values({
      crNumber: uniqueDigits(7),
      nameAr: `منشأة ${label} ${suffix}`,
      nameEn: `${label} Establishment ${suffix}`,
      governorateCode: "MA",
      address: "Ruwi, Muscat",
      municipalityLicenceNumber: `ML-${suffix}`,
      email: `info-${suffix}@example.om`,
      phone: `+9689${uniqueDigits(7)}`,
    })
    .returning();
  const owner = await createEmployerUser(est!.id, "owner", `Owner ${suffix}`);
  return { id: est!.id, crNumber: est!.crNumber, owner };
}

export async function createEmployerUser(
  establishmentId: string,
  role: "owner" | "hr_officer",
  name: string,
): Promise<EmployerActor> {
  const email = `${role}-${uniqueSuffix()}@example.om`;
  const [u] = await db
    .insert(employerUsers)
    .values({
      establishmentId,
      role,
      name,
      email,
      passwordHash: "not-a-hash",
      emailVerifiedAt: new Date(),
      active: true,
    })
    .returning();
  return {
    kind: "employer",
    sessionId: "00000000-0000-4000-8000-000000000000",
    userId: u!.id,
    establishmentId,
    role,
    name,
    email,
  };
}

export async function createWorker(
  establishmentId: string,
  opts: { nameEn?: string; nameAr?: string; permitStatus?: PermitStatus; nationality?: string } = {},
): Promise<{ id: string; civilId: string; nameEn: string; nameAr: string; mobile: string }> {
  const suffix = uniqueSuffix(6);
  const [w] = await db
    .insert(workers)
    .values({
      civilId: `9${uniqueDigits(8)}`,
      passportNumber: `P${uniqueDigits(7)}`,
      nameEn: opts.nameEn ?? `Worker ${suffix}`,
      nameAr: opts.nameAr ?? `عامل ${suffix}`,
      nationality: opts.nationality ?? "IN",
      dateOfBirth: "1990-01-01",
      mobile: `+9689${uniqueDigits(7)}`,
      establishmentId,
      occupation: "Mason",
      permitNumber: `WP${uniqueDigits(8)}`,
      permitStatus: opts.permitStatus ?? "active",
      enteredOmanOn: "2015-01-01",
    })
    .returning();
  return { id: w!.id, civilId: w!.civilId, nameEn: w!.nameEn, nameAr: w!.nameAr, mobile: w!.mobile };
}

let seq = 0;
/** A reference nobody else will make: a year far from the seed's and the filing journey's, random digits. */
function testReference(): string {
  seq += 1;
  return formatReference(2099, Number(`${uniqueDigits(5)}${seq % 10}`));
}

export type CreatedReport = { id: string; reference: string; workerId: string; depositId: string | null };

/**
 * A report in the given state with a plausible history: its timeline rows and, from awaiting payment on, a
 * deposit (paid once submitted). `approvedAt` defaults to a week after filing for approved/closed reports.
 */
export async function createReport(
  est: Establishment,
  opts: {
    status: ReportStatus;
    workerId?: string;
    createdAt?: Date;
    approvedAt?: Date | null;
    deposit?: "pending" | "paid" | "utilised" | "refunded" | "none";
    cancelReason?: string;
    feeBaisa?: number;
  },
): Promise<CreatedReport> {
  const workerId = opts.workerId ?? (await createWorker(est.id)).id;
  const createdAt = opts.createdAt ?? new Date();
  const fee = opts.feeBaisa ?? 85_000;
  const filed = !["draft", "awaiting_payment"].includes(opts.status);
  const wasApproved =
    ["approved", "closed"].includes(opts.status) || (opts.status === "cancelled" && opts.approvedAt);
  const approvedAt = wasApproved ? (opts.approvedAt ?? new Date(createdAt.getTime() + 7 * 86_400_000)) : null;
  const dates = approvedAt ? datesFromApproval(approvedAt) : null;
  const [r] = await db
    .insert(reports)
    .values({
      reference: testReference(),
      establishmentId: est.id,
      workerId,
      createdBy: est.owner.userId,
      status: opts.status,
      lastDayAtWork: "2026-01-01",
      feeBaisa: opts.status === "draft" ? null : fee,
      submittedAt: filed ? createdAt : null,
      approvedAt,
      grievanceDeadline: dates?.grievanceDeadline ?? null,
      legalPeriodEnds: dates?.legalPeriodEnds ?? null,
      refundClaimUntil: dates?.refundClaimUntil ?? null,
      createdAt,
    })
    .returning();
  const path: ReportStatus[] = ["draft"];
  if (opts.status !== "draft") path.push("awaiting_payment");
  if (filed) path.push("submitted");
  if (approvedAt) path.push("approved");
  if (["rejected", "cancelled", "closed"].includes(opts.status)) path.push(opts.status);
  await db.insert(reportEvents).values(
    path.map((to, i) => ({
      reportId: r!.id,
      fromStatus: i === 0 ? null : path[i - 1]!,
      toStatus: to,
      actorKind:
        to === "approved" || to === "rejected" || to === "cancelled"
          ? "staff"
          : to === "submitted"
            ? "system"
            : "employer",
      actorId: to === "draft" || to === "awaiting_payment" ? est.owner.userId : null,
      reasonCode: to === "cancelled" ? (opts.cancelReason ?? "cancellation_accepted") : null,
      at: new Date(createdAt.getTime() + i * 1000),
    })),
  );
  const kind = opts.deposit ?? (opts.status === "draft" ? "none" : filed ? "paid" : "pending");
  let depositId: string | null = null;
  if (kind !== "none") {
    const [d] = await db
      .insert(deposits)
      .values({
        reportId: r!.id,
        amountBaisa: fee,
        status: kind,
        provider: "local",
        providerSessionId: `test_${uniqueSuffix(12)}`,
        paidAt: kind === "pending" ? null : createdAt,
        utilisedAt: kind === "utilised" ? new Date() : null,
        refundedBaisa: kind === "refunded" ? fee : 0,
        refundedAt: kind === "refunded" ? new Date() : null,
      })
      .returning();
    depositId = d!.id;
  }
  return { id: r!.id, reference: r!.reference, workerId, depositId };
}
