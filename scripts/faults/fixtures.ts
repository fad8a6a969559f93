/**
 * What the fault scenarios start from, written straight into their throwaway database: an establishment with
 * an owner who can sign in, and reports that have passed the filing check and wait for their deposit (the
 * state the filing journey leaves them in). Everything after that goes through the running app.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  deposits,
  employerUsers,
  establishments,
  notifications,
  refundRequests,
  reports,
  workers,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { formatReference } from "@/lib/reports/reference";

export const OWNER_PASSWORD = "Faults-Owner-2026";

const digits = (n: number) => {
  let out = "";
  while (out.length < n) out += randomBytes(8).readBigUInt64BE().toString().slice(1);
  return out.slice(0, n);
};

export type FaultEstablishment = { id: string; ownerId: string; email: string; password: string };

export async function createEstablishmentWithOwner(label: string): Promise<FaultEstablishment> {
  const s = `${label}-${digits(6)}`;
  const [est] = await db
    .insert(establishments)
    .values({
      crNumber: digits(7),
      nameAr: `منشأة الأعطال ${s}`,
      nameEn: `Faults Establishment ${s}`,
      governorateCode: "MA",
      address: "Ruwi, Muscat",
      municipalityLicenceNumber: `ML-F-${s}`,
      email: `est-${s}@faults.example.om`,
      phone: `+9682${digits(7)}`,
    })
    .returning();
  const email = `owner-${s}@faults.example.om`;
  const [owner] = await db
    .insert(employerUsers)
    .values({
      establishmentId: est!.id,
      role: "owner",
      name: `Owner ${s}`,
      email,
      emailVerifiedAt: new Date(),
      passwordHash: await hashPassword(OWNER_PASSWORD),
    })
    .returning();
  return { id: est!.id, ownerId: owner!.id, email, password: OWNER_PASSWORD };
}

/** `count` reports of distinct workers, each awaiting its deposit (fee 145.500 OMR). */
export async function createAwaitingReports(est: FaultEstablishment, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const [w] = await db
      .insert(workers)
      .values({
        civilId: `8${digits(8)}`,
        passportNumber: `P${digits(8)}`,
        nameAr: "عامل اختبار الأعطال",
        nameEn: `Faults Worker ${i}`,
        nationality: "IN",
        dateOfBirth: "1990-01-01",
        mobile: `+96899${digits(6)}`,
        email: `worker-${digits(8)}@faults.example.om`,
        establishmentId: est.id,
        occupation: "Mason",
        permitNumber: `WP${digits(8)}`,
        enteredOmanOn: "2020-01-01",
      })
      .returning();
    const [{ seq }] = (await db.execute(
      sql`select nextval('report_reference_seq')::int as seq`,
    )) as unknown as [{ seq: number }];
    const [r] = await db
      .insert(reports)
      .values({
        reference: formatReference(new Date().getUTCFullYear(), seq),
        establishmentId: est.id,
        workerId: w!.id,
        createdBy: est.ownerId,
        status: "awaiting_payment",
        lastDayAtWork: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10),
        workGovernorateCode: "MA",
        workAddress: "Site 4, Ruwi",
        contactAttempts: "Called twice, no answer",
        declDisputeBeforeAbsence: false,
        declWorkerLeftCountryKnown: false,
        declOnLegalLeave: false,
        declResignationAccepted: false,
        feeBaisa: 145_500,
      })
      .returning({ id: reports.id });
    ids.push(r!.id);
  }
  return ids;
}

/** An approved refund request for a report's paid deposit, as finance leaves it before executing it. */
export async function approvedRefundRequest(reportId: string, requestedBy: string) {
  const [d] = await db
    .select()
    .from(deposits)
    .where(and(eq(deposits.reportId, reportId), eq(deposits.status, "paid")));
  if (!d) throw new Error(`report ${reportId} has no paid deposit`);
  const [rr] = await db
    .insert(refundRequests)
    .values({
      reportId,
      depositId: d.id,
      ground: "legal_period_ended",
      status: "approved",
      amountBaisa: d.amountBaisa,
      requestedBy,
      decidedAt: new Date(),
    })
    .returning();
  return { request: rr!, deposit: d };
}

export type ReportFacts = {
  id: string;
  status: string;
  submittedAt: Date | null;
  deposits: { status: string; provider: string; refundedBaisa: number }[];
  notifications: { template: string; recipient: string; status: string; channel: string; id: string }[];
};

/** Everything the consistency checks look at, for a set of reports. */
export async function reportFacts(ids: string[]): Promise<ReportFacts[]> {
  if (ids.length === 0) return [];
  const rs = await db.select().from(reports).where(inArray(reports.id, ids));
  const ds = await db.select().from(deposits).where(inArray(deposits.reportId, ids));
  const depositIds = ds.map((d) => d.id);
  const rrs = depositIds.length
    ? await db.select().from(refundRequests).where(inArray(refundRequests.depositId, depositIds))
    : [];
  const entityIds = [...ids, ...rrs.map((r) => r.id), ...depositIds];
  const ns = await db
    .select({
      id: notifications.id,
      template: notifications.template,
      recipient: notifications.recipient,
      status: notifications.status,
      channel: notifications.channel,
      entityId: notifications.entityId,
    })
    .from(notifications)
    .where(inArray(notifications.entityId, entityIds));
  return ids.map((id) => {
    const r = rs.find((x) => x.id === id)!;
    const mine = ds.filter((d) => d.reportId === id);
    const related = new Set([
      id,
      ...mine.map((d) => d.id),
      ...rrs.filter((x) => x.reportId === id).map((x) => x.id),
    ]);
    return {
      id,
      status: r.status,
      submittedAt: r.submittedAt ?? null,
      deposits: mine.map((d) => ({ status: d.status, provider: d.provider, refundedBaisa: d.refundedBaisa })),
      notifications: ns
        .filter((n) => n.entityId && related.has(n.entityId))
        .map((n) => ({
          id: n.id,
          template: n.template,
          recipient: n.recipient,
          status: n.status,
          channel: n.channel,
        })),
    };
  });
}

/** Templates written on submission (the worker's SMS and e-mail, the employer's receipt). */
export const SUBMISSION_TEMPLATES = [
  "worker.report-filed.sms",
  "worker.report-filed.email",
  "employer.report-submitted.email",
];

/**
 * A report is consistent when it is either fully submitted (status past payment, submitted_at set, exactly one
 * paid deposit, each submission message written exactly once) or still awaiting payment with no paid deposit and
 * no submission message. Returns what is wrong, empty when nothing is.
 */
export function inconsistencies(f: ReportFacts): string[] {
  const problems: string[] = [];
  const paid = f.deposits.filter((d) => d.status === "paid" || d.status === "refunded");
  // The employer's receipt goes to the establishment and to the filer: one message per template and recipient.
  const perRecipient = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const n of f.notifications) {
    const key = `${n.template} to ${n.recipient}`;
    perRecipient.set(key, (perRecipient.get(key) ?? 0) + 1);
    counts.set(n.template, (counts.get(n.template) ?? 0) + 1);
  }
  for (const [k, c] of perRecipient) if (c > 1) problems.push(`${k} written ${c} times`);
  const submissionMessages = SUBMISSION_TEMPLATES.filter((t) => counts.has(t));
  if (f.status === "awaiting_payment") {
    if (paid.length > 0) problems.push(`awaiting payment but ${paid.length} paid deposit(s)`);
    if (submissionMessages.length > 0)
      problems.push(`awaiting payment but submission messages ${submissionMessages.join(", ")}`);
    if (f.submittedAt) problems.push("awaiting payment but submitted_at set");
  } else {
    if (paid.length !== 1) problems.push(`${f.status} with ${paid.length} paid deposits`);
    if (!f.submittedAt) problems.push(`${f.status} without submitted_at`);
    for (const t of ["worker.report-filed.sms", "employer.report-submitted.email"])
      if (!counts.has(t)) problems.push(`${f.status} without ${t}`);
  }
  return problems;
}
