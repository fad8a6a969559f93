/**
 * Demo reports: Al Noor Contracting and Sohar Trading get reports in every status, with their timelines,
 * deposits (pending, paid, failed, utilised, refunded) and cancellation and refund requests, so every screen of
 * the employer's tracking has something real to show on first start.
 *
 * Idempotent: ids come from fixed keys (seedUuid) and references from fixed sequence numbers below 1000 (the
 * reference sequence starts at 1000, so a filed report never collides with them). A report is inserted with
 * ON CONFLICT DO NOTHING and its dependent rows (timeline, deposits, requests, the worker's permit status) are
 * written only when the report itself was new, so a second run changes nothing. The three fixed demo workers
 * (civil IDs 100000001/2/3) are never used: they stay free for the filing journey.
 *
 * Evidence files are not seeded: they need stored files (lib/storage), which belong to the filing journey.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { datesFromApproval } from "../../lib/reports/refund-grounds";
import { formatReference } from "../../lib/reports/reference";
import * as schema from "../schema";
import {
  AL_NOOR_CR,
  DEMO_ACCOUNTS,
  DEMO_WORKERS,
  SOHAR_TRADING_CR,
  type NationalityCode,
  type WorkerSeed,
} from "./data";
import { buildWorkers, seedUuid } from "./generate";

const {
  establishments,
  employerUsers,
  staffUsers,
  workers,
  reports,
  reportEvents,
  deposits,
  cancellationRequests,
  refundRequests,
} = schema;

type ReportStatus = (typeof reports.$inferSelect)["status"];
type DepositStatus = (typeof deposits.$inferSelect)["status"];
type PermitStatus = (typeof workers.$inferSelect)["permitStatus"];

/** Demo return-ticket prices in baisa (multiples of 10, as Stripe requires for OMR). */
export const DEMO_FEE_BAISA: Record<NationalityCode, number> = {
  IN: 85_000,
  BD: 98_000,
  PK: 72_000,
  EG: 120_000,
  PH: 165_000,
  NP: 110_000,
  LK: 105_000,
};

/** A Muscat wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+04:00`);

type Step = {
  to: ReportStatus;
  at: string;
  by: "creator" | "staff" | "system";
  reason?: string;
  note?: string;
};

type DepositSeed = {
  status: DepositStatus;
  at: string;
  paidAt?: string;
  utilisedAt?: string;
  refundedAt?: string;
  ticketReference?: string;
  failureReason?: string;
};

type CancellationSeed = {
  status: "submitted" | "under_review" | "accepted" | "rejected" | "withdrawn";
  reason: "worker_returned" | "filed_by_mistake" | "settled";
  explanation: string;
  at: string;
  decidedAt?: string;
  decisionReasonCode?: string;
  decisionNote?: string;
};

type RefundSeed = {
  status: "submitted" | "approved" | "refunded" | "failed" | "rejected";
  ground: "legal_period_ended" | "cancellation_approved" | "grievance_accepted" | "worker_left_country";
  at: string;
  decidedAt?: string;
};

type Scenario = {
  key: string;
  /** Fixed reference sequence number (below 1000). */
  seq: number;
  crNumber: string;
  /** Index into the establishment's eligible generated workers. */
  worker: number;
  createdBy: "owner" | "hr";
  createdAt: string;
  status: ReportStatus;
  steps: Step[];
  deposits?: DepositSeed[];
  cancellations?: CancellationSeed[];
  refund?: RefundSeed;
  /** The worker's permit status after the story (approved reports: left_workplace). */
  permit: PermitStatus;
  /** Report fields left empty in a draft still being written. */
  incomplete?: boolean;
};

export const DEMO_REPORT_SCENARIOS: readonly Scenario[] = [
  // ---------------------------------------------------------------- Al Noor Contracting (Muscat)
  {
    key: "alnoor-draft",
    seq: 11,
    crNumber: AL_NOOR_CR,
    worker: 0,
    createdBy: "hr",
    createdAt: "2026-11-26T09:10:00",
    status: "draft",
    steps: [],
    permit: "active",
    incomplete: true,
  },
  {
    key: "alnoor-awaiting",
    seq: 12,
    crNumber: AL_NOOR_CR,
    worker: 1,
    createdBy: "owner",
    createdAt: "2026-11-25T11:00:00",
    status: "awaiting_payment",
    steps: [{ to: "awaiting_payment", at: "2026-11-25T11:20:00", by: "creator" }],
    deposits: [{ status: "pending", at: "2026-11-25T11:21:00" }],
    permit: "active",
  },
  {
    key: "alnoor-payment-failed",
    seq: 13,
    crNumber: AL_NOOR_CR,
    worker: 2,
    createdBy: "hr",
    createdAt: "2026-11-24T08:30:00",
    status: "awaiting_payment",
    steps: [{ to: "awaiting_payment", at: "2026-11-24T08:50:00", by: "creator" }],
    deposits: [{ status: "failed", at: "2026-11-24T08:51:00", failureReason: "card_declined" }],
    permit: "active",
  },
  {
    key: "alnoor-submitted",
    seq: 14,
    crNumber: AL_NOOR_CR,
    worker: 3,
    createdBy: "owner",
    createdAt: "2026-11-22T10:00:00",
    status: "submitted",
    steps: [
      { to: "awaiting_payment", at: "2026-11-22T10:25:00", by: "creator" },
      { to: "submitted", at: "2026-11-22T10:31:00", by: "system", reason: "payment_received" },
    ],
    deposits: [{ status: "paid", at: "2026-11-22T10:26:00", paidAt: "2026-11-22T10:31:00" }],
    permit: "active",
  },
  {
    key: "alnoor-submitted-cancel-pending",
    seq: 15,
    crNumber: AL_NOOR_CR,
    worker: 4,
    createdBy: "hr",
    createdAt: "2026-11-12T09:00:00",
    status: "submitted",
    steps: [
      { to: "awaiting_payment", at: "2026-11-12T09:40:00", by: "creator" },
      { to: "submitted", at: "2026-11-12T09:44:00", by: "system", reason: "payment_received" },
    ],
    deposits: [{ status: "paid", at: "2026-11-12T09:41:00", paidAt: "2026-11-12T09:44:00" }],
    cancellations: [
      {
        status: "submitted",
        reason: "worker_returned",
        explanation: "عاد العامل إلى العمل صباح يوم 25 نوفمبر وقدّم عذراً طبياً عن فترة غيابه.",
        at: "2026-11-26T08:15:00",
      },
    ],
    permit: "active",
  },
  {
    key: "alnoor-approved",
    seq: 16,
    crNumber: AL_NOOR_CR,
    worker: 5,
    createdBy: "owner",
    createdAt: "2026-10-11T13:00:00",
    status: "approved",
    steps: [
      { to: "awaiting_payment", at: "2026-10-11T13:30:00", by: "creator" },
      { to: "submitted", at: "2026-10-11T13:36:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2026-10-20T10:05:00", by: "staff" },
    ],
    deposits: [{ status: "paid", at: "2026-10-11T13:31:00", paidAt: "2026-10-11T13:36:00" }],
    cancellations: [
      {
        status: "rejected",
        reason: "settled",
        explanation: "We reached an agreement with the worker by telephone.",
        at: "2026-10-25T09:00:00",
        decidedAt: "2026-11-02T12:00:00",
        decisionReasonCode: "not_substantiated",
        decisionNote: "No signed settlement was provided; the worker has not returned to work.",
      },
    ],
    permit: "left_workplace",
  },
  {
    key: "alnoor-approved-2021",
    seq: 17,
    crNumber: AL_NOOR_CR,
    worker: 6,
    createdBy: "owner",
    createdAt: "2021-05-02T09:00:00",
    status: "approved",
    steps: [
      { to: "awaiting_payment", at: "2021-05-02T09:20:00", by: "creator" },
      { to: "submitted", at: "2021-05-02T09:26:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2021-05-10T11:00:00", by: "staff" },
    ],
    deposits: [{ status: "paid", at: "2021-05-02T09:21:00", paidAt: "2021-05-02T09:26:00" }],
    permit: "left_workplace",
  },
  {
    key: "alnoor-rejected",
    seq: 18,
    crNumber: AL_NOOR_CR,
    worker: 7,
    createdBy: "hr",
    createdAt: "2026-09-01T10:00:00",
    status: "rejected",
    steps: [
      { to: "awaiting_payment", at: "2026-09-01T10:30:00", by: "creator" },
      { to: "submitted", at: "2026-09-01T10:34:00", by: "system", reason: "payment_received" },
      {
        to: "rejected",
        at: "2026-09-08T09:30:00",
        by: "staff",
        reason: "salary_not_paid",
        note: "The bank statement shows no salary paid for August.",
      },
    ],
    // Returned by the ministry with the rejection.
    deposits: [
      {
        status: "refunded",
        at: "2026-09-01T10:31:00",
        paidAt: "2026-09-01T10:34:00",
        refundedAt: "2026-09-10T10:00:00",
      },
    ],
    permit: "active",
  },
  {
    key: "alnoor-cancelled-by-request",
    seq: 19,
    crNumber: AL_NOOR_CR,
    worker: 8,
    createdBy: "owner",
    createdAt: "2026-07-01T09:00:00",
    status: "cancelled",
    steps: [
      { to: "awaiting_payment", at: "2026-07-01T09:20:00", by: "creator" },
      { to: "submitted", at: "2026-07-01T09:25:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2026-07-08T10:00:00", by: "staff" },
      { to: "cancelled", at: "2026-08-10T11:00:00", by: "staff", reason: "cancellation_accepted" },
    ],
    deposits: [{ status: "paid", at: "2026-07-01T09:21:00", paidAt: "2026-07-01T09:25:00" }],
    cancellations: [
      {
        status: "accepted",
        reason: "filed_by_mistake",
        explanation: "The worker was on approved annual leave; our site supervisor did not know.",
        at: "2026-08-03T08:00:00",
        decidedAt: "2026-08-10T11:00:00",
        decisionReasonCode: "accepted",
      },
    ],
    refund: { status: "submitted", ground: "cancellation_approved", at: "2026-08-12T09:00:00" },
    permit: "active",
  },
  {
    key: "alnoor-cancelled-by-grievance",
    seq: 20,
    crNumber: AL_NOOR_CR,
    worker: 9,
    createdBy: "hr",
    createdAt: "2026-06-01T09:00:00",
    status: "cancelled",
    steps: [
      { to: "awaiting_payment", at: "2026-06-01T09:15:00", by: "creator" },
      { to: "submitted", at: "2026-06-01T09:20:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2026-06-08T10:00:00", by: "staff" },
      {
        to: "cancelled",
        at: "2026-07-20T12:00:00",
        by: "staff",
        reason: "grievance_accepted",
        note: "The worker showed that salaries for April and May had not been paid.",
      },
    ],
    deposits: [{ status: "paid", at: "2026-06-01T09:16:00", paidAt: "2026-06-01T09:20:00" }],
    permit: "active",
  },
  {
    key: "alnoor-closed",
    seq: 21,
    crNumber: AL_NOOR_CR,
    worker: 10,
    createdBy: "owner",
    createdAt: "2019-02-10T09:00:00",
    status: "closed",
    steps: [
      { to: "awaiting_payment", at: "2019-02-10T09:20:00", by: "creator" },
      { to: "submitted", at: "2019-02-10T09:25:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2019-02-17T10:00:00", by: "staff" },
      { to: "closed", at: "2019-09-01T10:00:00", by: "staff", reason: "worker_deported" },
    ],
    deposits: [
      {
        status: "utilised",
        at: "2019-02-10T09:21:00",
        paidAt: "2019-02-10T09:25:00",
        utilisedAt: "2019-08-25T14:00:00",
        ticketReference: "WY-MCT-COK-190825",
      },
    ],
    permit: "left_workplace",
  },
  {
    key: "alnoor-approved-worker-left",
    seq: 22,
    crNumber: AL_NOOR_CR,
    worker: 11,
    createdBy: "owner",
    createdAt: "2025-11-20T09:00:00",
    status: "approved",
    steps: [
      { to: "awaiting_payment", at: "2025-11-20T09:20:00", by: "creator" },
      { to: "submitted", at: "2025-11-20T09:25:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2025-12-01T10:00:00", by: "staff" },
    ],
    deposits: [{ status: "paid", at: "2025-11-20T09:21:00", paidAt: "2025-11-20T09:25:00" }],
    // The worker later left Oman at own expense; the licensing system cancelled the permit.
    permit: "cancelled",
  },
  // ---------------------------------------------------------------- Sohar Trading (North Al Batinah)
  {
    key: "sohar-draft",
    seq: 31,
    crNumber: SOHAR_TRADING_CR,
    worker: 0,
    createdBy: "owner",
    createdAt: "2026-11-27T16:00:00",
    status: "draft",
    steps: [],
    permit: "active",
    incomplete: true,
  },
  {
    key: "sohar-awaiting",
    seq: 32,
    crNumber: SOHAR_TRADING_CR,
    worker: 1,
    createdBy: "owner",
    createdAt: "2026-11-23T10:00:00",
    status: "awaiting_payment",
    steps: [{ to: "awaiting_payment", at: "2026-11-23T10:20:00", by: "creator" }],
    deposits: [{ status: "pending", at: "2026-11-23T10:21:00" }],
    permit: "active",
  },
  {
    key: "sohar-submitted",
    seq: 33,
    crNumber: SOHAR_TRADING_CR,
    worker: 2,
    createdBy: "owner",
    createdAt: "2026-11-15T09:00:00",
    status: "submitted",
    steps: [
      { to: "awaiting_payment", at: "2026-11-15T09:20:00", by: "creator" },
      { to: "submitted", at: "2026-11-15T09:26:00", by: "system", reason: "payment_received" },
    ],
    deposits: [{ status: "paid", at: "2026-11-15T09:21:00", paidAt: "2026-11-15T09:26:00" }],
    cancellations: [
      {
        status: "withdrawn",
        reason: "worker_returned",
        explanation: "The worker came back for two days, then left again.",
        at: "2026-11-18T09:00:00",
        decidedAt: "2026-11-20T09:00:00",
        decisionReasonCode: "withdrawn_by_employer",
      },
    ],
    permit: "active",
  },
  {
    key: "sohar-approved",
    seq: 34,
    crNumber: SOHAR_TRADING_CR,
    worker: 3,
    createdBy: "owner",
    createdAt: "2026-09-06T09:00:00",
    status: "approved",
    steps: [
      { to: "awaiting_payment", at: "2026-09-06T09:20:00", by: "creator" },
      { to: "submitted", at: "2026-09-06T09:25:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2026-09-15T10:00:00", by: "staff" },
    ],
    deposits: [{ status: "paid", at: "2026-09-06T09:21:00", paidAt: "2026-09-06T09:25:00" }],
    permit: "left_workplace",
  },
  {
    key: "sohar-rejected",
    seq: 35,
    crNumber: SOHAR_TRADING_CR,
    worker: 4,
    createdBy: "owner",
    createdAt: "2026-09-22T09:00:00",
    status: "rejected",
    steps: [
      { to: "awaiting_payment", at: "2026-09-22T09:20:00", by: "creator" },
      { to: "submitted", at: "2026-09-22T09:25:00", by: "system", reason: "payment_received" },
      {
        to: "rejected",
        at: "2026-10-01T10:00:00",
        by: "staff",
        reason: "dispute_before_absence",
        note: "A wage complaint by the worker was open before the absence began.",
      },
    ],
    deposits: [
      {
        status: "refunded",
        at: "2026-09-22T09:21:00",
        paidAt: "2026-09-22T09:25:00",
        refundedAt: "2026-10-03T10:00:00",
      },
    ],
    permit: "active",
  },
  {
    key: "sohar-cancelled-refunded",
    seq: 36,
    crNumber: SOHAR_TRADING_CR,
    worker: 5,
    createdBy: "owner",
    createdAt: "2026-04-05T09:00:00",
    status: "cancelled",
    steps: [
      { to: "awaiting_payment", at: "2026-04-05T09:20:00", by: "creator" },
      { to: "submitted", at: "2026-04-05T09:25:00", by: "system", reason: "payment_received" },
      { to: "cancelled", at: "2026-04-14T10:00:00", by: "staff", reason: "cancellation_accepted" },
    ],
    deposits: [
      {
        status: "refunded",
        at: "2026-04-05T09:21:00",
        paidAt: "2026-04-05T09:25:00",
        refundedAt: "2026-04-20T10:00:00",
      },
    ],
    cancellations: [
      {
        status: "accepted",
        reason: "worker_returned",
        explanation: "The worker returned on 10 April with a letter from the hospital.",
        at: "2026-04-11T09:00:00",
        decidedAt: "2026-04-14T10:00:00",
        decisionReasonCode: "accepted",
      },
    ],
    refund: {
      status: "refunded",
      ground: "cancellation_approved",
      at: "2026-04-15T09:00:00",
      decidedAt: "2026-04-20T10:00:00",
    },
    permit: "active",
  },
  {
    key: "sohar-closed",
    seq: 37,
    crNumber: SOHAR_TRADING_CR,
    worker: 6,
    createdBy: "owner",
    createdAt: "2020-02-20T09:00:00",
    status: "closed",
    steps: [
      { to: "awaiting_payment", at: "2020-02-20T09:20:00", by: "creator" },
      { to: "submitted", at: "2020-02-20T09:25:00", by: "system", reason: "payment_received" },
      { to: "approved", at: "2020-03-01T10:00:00", by: "staff" },
      { to: "closed", at: "2024-03-01T10:00:00", by: "system", reason: "legal_period_ended" },
    ],
    deposits: [{ status: "paid", at: "2020-02-20T09:21:00", paidAt: "2020-02-20T09:25:00" }],
    permit: "left_workplace",
  },
];

const FIXED_CIVIL_IDS = new Set(DEMO_WORKERS.map((w) => w.civilId));

/**
 * The generated workers a scenario may use: this establishment's, with an active permit in the registry, in
 * Oman since before 2018 (so every seeded date is after their arrival), never the fixed demo workers.
 */
export function eligibleWorkers(all: readonly WorkerSeed[], crNumber: string): WorkerSeed[] {
  return all.filter(
    (w) =>
      w.crNumber === crNumber &&
      !FIXED_CIVIL_IDS.has(w.civilId) &&
      w.permitStatus === "active" &&
      w.enteredOmanOn < "2018-01-01",
  );
}

/** The worker of each scenario (civil ID), fixed by the seeded registry. */
export function demoReportWorkers(): Map<string, WorkerSeed> {
  const all = buildWorkers();
  const out = new Map<string, WorkerSeed>();
  for (const s of DEMO_REPORT_SCENARIOS) {
    const w = eligibleWorkers(all, s.crNumber)[s.worker];
    if (!w) throw new Error(`seed: no worker #${s.worker} for ${s.key}`);
    out.set(s.key, w);
  }
  return out;
}

export const demoReportId = (key: string) => seedUuid("report", key);

function referenceOf(s: Scenario): string {
  return formatReference(Number(s.createdAt.slice(0, 4)), s.seq);
}

export async function seedDemoReports(db: PostgresJsDatabase<typeof schema>): Promise<void> {
  const workerOf = demoReportWorkers();
  await db.transaction(async (tx) => {
    const crs = [AL_NOOR_CR, SOHAR_TRADING_CR];
    const ests = await tx.select().from(establishments).where(inArray(establishments.crNumber, crs));
    const estByCr = new Map(ests.map((e) => [e.crNumber, e]));
    const employerEmails = DEMO_ACCOUNTS.employer.map((a) => a.email.toLowerCase());
    const people = await tx
      .select({ id: employerUsers.id, email: sql<string>`lower(${employerUsers.email})` })
      .from(employerUsers)
      .where(inArray(sql`lower(${employerUsers.email})`, employerEmails));
    const userByEmail = new Map(people.map((p) => [p.email, p.id]));
    const [reviewer] = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(eq(sql`lower(${staffUsers.email})`, "reviewer@mol.example.om"));
    const civilIds = [...workerOf.values()].map((w) => w.civilId);
    const workerRows = await tx
      .select({ id: workers.id, civilId: workers.civilId })
      .from(workers)
      .where(inArray(workers.civilId, civilIds));
    const workerIdByCivil = new Map(workerRows.map((w) => [w.civilId, w.id]));

    for (const s of DEMO_REPORT_SCENARIOS) {
      const est = estByCr.get(s.crNumber);
      const worker = workerOf.get(s.key)!;
      const workerId = workerIdByCivil.get(worker.civilId);
      const ownerEmail = DEMO_ACCOUNTS.employer.find(
        (a) => a.crNumber === s.crNumber && a.role === "owner",
      )!.email;
      const hrEmail =
        DEMO_ACCOUNTS.employer.find((a) => a.crNumber === s.crNumber && a.role === "hr_officer")?.email ??
        ownerEmail;
      const creator = userByEmail.get((s.createdBy === "hr" ? hrEmail : ownerEmail).toLowerCase());
      if (!est || !workerId || !creator) continue; // the base seed did not run (or was edited): nothing to hang a report on

      const id = demoReportId(s.key);
      const created = at(s.createdAt);
      const approved = s.steps.find((st) => st.to === "approved");
      const decided = s.steps.find((st) => st.to === "approved" || st.to === "rejected");
      const submitted = s.steps.find((st) => st.to === "submitted");
      const last = s.steps[s.steps.length - 1];
      const approvalDates = approved ? datesFromApproval(at(approved.at)) : null;
      const lastDay = new Date(created.getTime() - 10 * 86_400_000).toISOString().slice(0, 10);

      const inserted = await tx
        .insert(reports)
        .values({
          id,
          reference: referenceOf(s),
          establishmentId: est.id,
          workerId,
          createdBy: creator,
          status: s.status,
          version: 1 + s.steps.length,
          lastDayAtWork: lastDay,
          workGovernorateCode: est.governorateCode,
          workAddress: s.incomplete ? null : est.address,
          contactAttempts: s.incomplete
            ? null
            : s.crNumber === AL_NOOR_CR
              ? "اتصلنا بالعامل هاتفياً ثلاث مرات وأرسلنا رسالة نصية، وزار مشرف الموقع سكن العمال دون أن نجده."
              : "We called the worker's mobile every day for a week, sent a WhatsApp message and asked colleagues at the shop.",
          declDisputeBeforeAbsence: s.incomplete ? null : false,
          declWorkerLeftCountryKnown: s.incomplete ? null : false,
          declOnLegalLeave: s.incomplete ? null : false,
          declResignationAccepted: s.incomplete ? null : false,
          feeBaisa: s.incomplete ? null : DEMO_FEE_BAISA[worker.nationality],
          submittedAt: submitted ? at(submitted.at) : null,
          decidedAt: decided ? at(decided.at) : null,
          approvedAt: approved ? at(approved.at) : null,
          grievanceDeadline: approvalDates?.grievanceDeadline ?? null,
          legalPeriodEnds: approvalDates?.legalPeriodEnds ?? null,
          refundClaimUntil: approvalDates?.refundClaimUntil ?? null,
          createdAt: created,
          updatedAt: last ? at(last.at) : created,
        })
        .onConflictDoNothing()
        .returning({ id: reports.id });
      // Already there (or the worker has another open report): leave it and everything hanging on it alone.
      if (inserted.length === 0) continue;

      const actorOf = (by: Step["by"]) =>
        by === "creator"
          ? { actorKind: "employer", actorId: creator }
          : by === "staff"
            ? { actorKind: "staff", actorId: reviewer?.id ?? null }
            : { actorKind: "system", actorId: null };
      const events = [
        {
          from: null as ReportStatus | null,
          to: "draft" as ReportStatus,
          at: s.createdAt,
          by: "creator" as const,
          reason: undefined,
          note: undefined,
        },
        ...s.steps.map((st, i) => ({
          ...st,
          from: (i === 0 ? "draft" : s.steps[i - 1]!.to) as ReportStatus | null,
        })),
      ];
      await tx.insert(reportEvents).values(
        events.map((e) => ({
          reportId: id,
          fromStatus: e.from,
          toStatus: e.to,
          ...actorOf(e.by),
          reasonCode: e.reason ?? null,
          note: e.note ?? null,
          at: at(e.at),
        })),
      );

      const fee = DEMO_FEE_BAISA[worker.nationality];
      let liveDepositId: string | null = null;
      for (const [i, d] of (s.deposits ?? []).entries()) {
        const depositId = seedUuid("deposit", `${s.key}:${i}`);
        if (d.status !== "failed" && d.status !== "expired") liveDepositId = depositId;
        await tx
          .insert(deposits)
          .values({
            id: depositId,
            reportId: id,
            amountBaisa: fee,
            status: d.status,
            provider: "local",
            providerSessionId: `seed_${s.key}_${i}`,
            providerPaymentId: d.paidAt ? `seed_pay_${s.key}_${i}` : null,
            paidAt: d.paidAt ? at(d.paidAt) : null,
            refundedBaisa: d.status === "refunded" ? fee : 0,
            refundedAt: d.refundedAt ? at(d.refundedAt) : null,
            utilisedAt: d.utilisedAt ? at(d.utilisedAt) : null,
            ticketReference: d.ticketReference ?? null,
            failureReason: d.failureReason ?? null,
            createdAt: at(d.at),
            updatedAt: at(d.refundedAt ?? d.utilisedAt ?? d.paidAt ?? d.at),
          })
          .onConflictDoNothing();
      }

      for (const [i, c] of (s.cancellations ?? []).entries()) {
        const staffDecided = c.status === "accepted" || c.status === "rejected";
        await tx
          .insert(cancellationRequests)
          .values({
            id: seedUuid("cancellation_request", `${s.key}:${i}`),
            reportId: id,
            status: c.status,
            reason: c.reason,
            explanation: c.explanation,
            requestedBy: creator,
            decidedBy: staffDecided ? (reviewer?.id ?? null) : null,
            decidedAt: c.decidedAt ? at(c.decidedAt) : null,
            decisionReasonCode: c.decisionReasonCode ?? null,
            decisionNote: c.decisionNote ?? null,
            version: c.status === "submitted" ? 1 : 2,
            createdAt: at(c.at),
          })
          .onConflictDoNothing();
      }

      if (s.refund && liveDepositId) {
        await tx
          .insert(refundRequests)
          .values({
            id: seedUuid("refund_request", s.key),
            reportId: id,
            depositId: liveDepositId,
            ground: s.refund.ground,
            status: s.refund.status,
            amountBaisa: fee,
            requestedBy: creator,
            providerRefundId: s.refund.status === "refunded" ? `seed_re_${s.key}` : null,
            decidedBy: s.refund.decidedAt ? (reviewer?.id ?? null) : null,
            decidedAt: s.refund.decidedAt ? at(s.refund.decidedAt) : null,
            version: s.refund.status === "submitted" ? 1 : 2,
            createdAt: at(s.refund.at),
          })
          .onConflictDoNothing();
      }

      if (s.permit !== "active")
        await tx.update(workers).set({ permitStatus: s.permit }).where(eq(workers.id, workerId));
    }
  });
}
