/**
 * The model-based property test of the legal process (issue 10, tests/integration/lifecycle-model.test.ts):
 * a small world per sequence (one establishment, one worker, one report awaiting payment), the actions every
 * kind of user can take on it through the app's own use cases, a snapshot of everything the case's rows and
 * trails hold, and the invariants checked after every step.
 *
 * Each action first asks the party's "what you can do now" (lib/cases/what-now.ts) whether it is offered,
 * then calls the use case; the two must agree (offered ⇔ accepted). A refused action must change nothing.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import {
  deposits,
  employerUsers,
  establishments,
  evidenceFiles,
  reportEvents,
  reports,
  workers,
} from "@/db/schema";
import { decideReport } from "@/lib/admin/decide-report";
import { decideCancellation, decideGrievance } from "@/lib/admin/decide-request";
import { decideRefund } from "@/lib/admin/refunds/decide";
import { markDepositUtilised } from "@/lib/admin/refunds/mark-utilised";
import { reopenDecision } from "@/lib/admin/reopen-decision";
import { startReview } from "@/lib/admin/start-review";
import { actorRef, type EmployerActor, type StaffActor, type WorkerActor } from "@/lib/auth/actor";
import { cancellationMachine } from "@/lib/cancellations/states";
import { requestCancellation } from "@/lib/cancellations/request-cancellation";
import { withdrawCancellation } from "@/lib/cancellations/withdraw-cancellation";
import { loadCase, type CaseFacts } from "@/lib/cases/facts";
import { employerNow, staffNow, workerNow } from "@/lib/cases/what-now";
import { depositMachine } from "@/lib/deposits/states";
import { shareEvidence } from "@/lib/evidence/share-evidence";
import { recordWorkerExit } from "@/lib/exits/record-exit";
import { WORKER_EXIT_KINDS, type WorkerExitKind } from "@/lib/exits/states";
import { fileGrievance } from "@/lib/grievances/file-grievance";
import { grievanceMachine } from "@/lib/grievances/states";
import { isRefusal } from "@/lib/lifecycle/refusal";
import { movesOf, type Audience, type Machine } from "@/lib/lifecycle/machine";
import { decideLocalPayment } from "@/lib/payments/local-gateway";
import { startDepositPayment } from "@/lib/payments/start-payment";
import { refundMachine } from "@/lib/refunds/states";
import { closeEndedReports, expireStaleReports } from "@/lib/reports/daily";
import { discardReport } from "@/lib/reports/discard-report";
import { prepareForPayment } from "@/lib/reports/prepare-for-payment";
import { datesFromApproval } from "@/lib/reports/refund-grounds";
import { requestRefund } from "@/lib/reports/request-refund";
import { startReport } from "@/lib/reports/start-report";
import { formatReference } from "@/lib/reports/reference";
import { OPEN_REPORT_STATUSES, reportMachine, type ReportStatus } from "@/lib/reports/states";
import { localPaymentId } from "@/lib/payments/local";
import { muscatDate, addDays } from "@/lib/time";
import { uniqueDigits, uniqueSuffix } from "./db";

export const APP = "https://balagh.test";

// ------------------------------------------------------------------------------------------------ actions

export type StaffKey = "reviewerA" | "reviewerB" | "supervisor" | "finance";
export type Action =
  | { kind: "pay"; r: number; approve: boolean }
  | { kind: "discard"; r: number }
  | { kind: "fileAnother" }
  | { kind: "requestCancellation"; r: number }
  | { kind: "withdrawCancellation"; r: number }
  | { kind: "requestRefund"; r: number }
  | { kind: "fileGrievance"; r: number }
  | { kind: "startReview"; r: number; who: StaffKey; what: "cancellation" | "grievance" }
  | { kind: "decideReport"; r: number; who: StaffKey; approve: boolean }
  | { kind: "decideCancellation"; r: number; who: StaffKey; accept: boolean }
  | { kind: "decideGrievance"; r: number; who: StaffKey; accept: boolean }
  | { kind: "decideRefund"; r: number; approve: boolean }
  | { kind: "reopen"; r: number }
  | { kind: "recordExit"; r: number; who: StaffKey; exit: WorkerExitKind }
  | { kind: "markUtilised"; r: number }
  | { kind: "share"; r: number; audience: "worker" | "employer" }
  | { kind: "expireDaily" }
  | { kind: "closeDaily" }
  | { kind: "advance"; days: number };

export { WORKER_EXIT_KINDS };

// -------------------------------------------------------------------------------------------------- world

export type Staff = Record<StaffKey, StaffActor>;

export type World = {
  staff: Staff;
  employer: EmployerActor;
  establishment: { id: string; email: string };
  worker: { id: string; civilId: string; mobile: string; email: string | null };
  workerActor: WorkerActor;
  /** The sequence's reports, oldest first (a second one when the employer files again). */
  reportIds: string[];
  /** The sequence's clock: starts now, moves forward with `advance`. */
  now: Date;
  /** Every move the sequence made, for the failure message. */
  log: string[];
};

const EMPLOYER_EVIDENCE = ["bank_statement", "municipality_licence", "address_proof"] as const;

async function addEmployerEvidence(reportId: string, uploadedBy: string) {
  await db.insert(evidenceFiles).values(
    EMPLOYER_EVIDENCE.map((kind) => ({
      reportId,
      kind,
      storageKey: `evidence/model-${uniqueSuffix(12)}`,
      originalName: `${kind}.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 2048,
      sha256: "0".repeat(64),
      uploadedByKind: "employer",
      uploadedBy,
    })),
  );
}

/** How a sequence's world begins: its report awaiting payment (the employer pays first), or already paid. */
export type Start = "awaiting_payment" | "submitted";

const used = new Set<string>();
/** A random string of digits no other world of this run has (CR numbers, civil ids, mobiles). */
function fresh(prefix: string, digits: number): string {
  for (;;) {
    const v = `${prefix}${uniqueDigits(digits)}`;
    if (!used.has(v)) {
      used.add(v);
      return v;
    }
  }
}

/**
 * The seeded base: `starts.length` worlds written in a few multi-row inserts (a sequence then costs only its
 * own actions). Each has its own establishment (with an owner), worker (with a mobile and e-mail no other world
 * has, so each world's messages are its own) and report with the employer's evidence: awaiting payment, as
 * the filing journey leaves it, or submitted with its deposit paid through the local gateway, as the payment
 * journey leaves it (both journeys have tests of their own).
 */
export async function createWorlds(staff: Staff, starts: Start[]): Promise<World[]> {
  const n = starts.length;
  if (n === 0) return [];
  const now = new Date();
  const tag = () => uniqueSuffix(10);
  const ests = await db
    .insert(establishments)
    .values(
      starts.map(() => {
        const s = tag();
        return {
          crNumber: fresh("8", 6),
          nameAr: `مؤسسة النموذج ${s}`,
          nameEn: `Model Establishment ${s}`,
          governorateCode: "MA",
          address: "Ruwi, Muscat",
          municipalityLicenceNumber: `ML-${s}`,
          email: `model-${s}@establishment.example.om`,
          phone: `+9682${uniqueDigits(7)}`,
        };
      }),
    )
    .returning();
  const owners = await db
    .insert(employerUsers)
    .values(
      ests.map((e) => ({
        establishmentId: e.id,
        role: "owner" as const,
        name: `Owner ${e.crNumber}`,
        email: `owner-${tag()}@establishment.example.om`,
        emailVerifiedAt: now,
      })),
    )
    .returning();
  const ws = await db
    .insert(workers)
    .values(
      ests.map((e) => ({
        civilId: fresh("7", 8),
        passportNumber: `P${uniqueDigits(8)}`,
        nameAr: "عامل النموذج",
        nameEn: `Model Worker ${tag()}`,
        nationality: "IN",
        dateOfBirth: "1990-01-01",
        mobile: fresh("+96878", 6),
        email: `model-worker-${tag()}@example.com`,
        establishmentId: e.id,
        occupation: "Mason",
        permitNumber: fresh("MW", 9),
        enteredOmanOn: "2020-01-01",
      })),
    )
    .returning();
  const seqs = (await db.execute(
    sql`select nextval('report_reference_seq')::int as seq from generate_series(1, ${n})`,
  )) as unknown as { seq: number }[];
  const year = Number(muscatDate(now).slice(0, 4));
  const lastDay = addDays(muscatDate(now), -30);
  const rs = await db
    .insert(reports)
    .values(
      starts.map((start, i) => ({
        reference: formatReference(year, seqs[i]!.seq),
        establishmentId: ests[i]!.id,
        workerId: ws[i]!.id,
        createdBy: owners[i]!.id,
        status: start,
        lastDayAtWork: lastDay,
        workGovernorateCode: "MA",
        workAddress: "Site 4, Ruwi",
        contactAttempts: "Called twice",
        declDisputeBeforeAbsence: false,
        declWorkerLeftCountryKnown: false,
        declOnLegalLeave: false,
        declResignationAccepted: false,
        feeBaisa: FEE,
        submittedAt: start === "submitted" ? now : null,
      })),
    )
    .returning();
  await db.insert(evidenceFiles).values(
    rs.flatMap((r) =>
      EMPLOYER_EVIDENCE.map((kind) => ({
        reportId: r.id,
        kind,
        storageKey: `evidence/model-${tag()}`,
        originalName: `${kind}.pdf`,
        mimeType: "application/pdf",
        sizeBytes: 2048,
        sha256: "0".repeat(64),
        uploadedByKind: "employer",
        uploadedBy: r.createdBy,
      })),
    ),
  );
  const paths = rs.flatMap((r) => {
    const path =
      r.status === "submitted" ? ["draft", "awaiting_payment", "submitted"] : ["draft", "awaiting_payment"];
    return path.map((to, i) => ({
      reportId: r.id,
      fromStatus: (i === 0 ? null : path[i - 1]) as ReportStatus | null,
      toStatus: to as ReportStatus,
      actorKind: to === "submitted" ? "system" : "employer",
      actorId: to === "submitted" ? null : r.createdBy,
      at: new Date(now.getTime() - (path.length - i) * 1000),
    }));
  });
  await db.insert(reportEvents).values(paths);
  const paid = rs.filter((r) => r.status === "submitted");
  if (paid.length > 0)
    await db.insert(deposits).values(
      paid.map((r) => {
        const id = crypto.randomUUID();
        return {
          id,
          reportId: r.id,
          amountBaisa: FEE,
          status: "paid" as const,
          provider: "local" as const,
          providerSessionId: `local_cs_model${tag()}${tag()}`,
          providerPaymentId: localPaymentId(id),
          paidAt: now,
        };
      }),
    );
  return rs.map((r, i) => ({
    staff,
    employer: {
      kind: "employer",
      sessionId: crypto.randomUUID(),
      userId: owners[i]!.id,
      establishmentId: ests[i]!.id,
      role: "owner",
      name: owners[i]!.name,
      email: owners[i]!.email,
    },
    establishment: { id: ests[i]!.id, email: ests[i]!.email },
    worker: { id: ws[i]!.id, civilId: ws[i]!.civilId, mobile: ws[i]!.mobile, email: ws[i]!.email },
    workerActor: {
      kind: "worker",
      sessionId: crypto.randomUUID(),
      workerId: ws[i]!.id,
      name: ws[i]!.nameEn,
      nameAr: ws[i]!.nameAr,
    },
    reportIds: [r.id],
    now: new Date(),
    log: [`start: report ${r.status}`],
  }));
}

const FEE = 145_500;

// ----------------------------------------------------------------------------------------------- snapshot

type SnapshotRows = {
  reports: { id: string; status: ReportStatus; version: number }[];
  deposits: {
    id: string;
    reportId: string;
    status: string;
    amountBaisa: number;
    refundedBaisa: number;
    utilisedAt: string | null;
  }[];
  cancellations: { id: string; reportId: string; status: string; version: number }[];
  grievances: { id: string; reportId: string; status: string; version: number }[];
  refunds: { id: string; reportId: string; depositId: string; status: string; ground: string }[];
  exits: { id: string; reportId: string | null; kind: string }[];
  evidence: { id: string; sharedWithWorker: boolean; sharedWithEmployer: boolean }[];
  permit: string;
};
export type Snapshot = {
  state: SnapshotRows;
  history: { id: string; reportId: string; from: string | null; to: string }[];
  moves: { id: string; entity: string; entityId: string; transition: string; from: string; to: string }[];
  audit: { id: string; action: string; entityId: string }[];
  outbox: { id: string; recipient: string; template: string; entityId: string | null }[];
};

const UUID = /^[0-9a-f-]{36}$/;

/**
 * Everything the sequence's rows and trails hold now (state, history, audit, outbox), in one query (a step is
 * checked against it, and a sequence takes dozens): rows in a stable order, so two snapshots are equal exactly
 * when nothing changed.
 */
export async function snapshot(w: World): Promise<Snapshot> {
  for (const id of [...w.reportIds, w.worker.id]) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  const ids = `array[${w.reportIds.map((id) => `'${id}'`).join(",")}]::uuid[]`;
  const recipients = [w.worker.mobile, w.worker.email, w.establishment.email, w.employer.email]
    .filter((x): x is string => Boolean(x))
    .map((x) => `'${x.replace(/'/g, "''")}'`)
    .join(",");
  const agg = (select: string, from: string) =>
    `(select coalesce(json_agg(x order by x.id::text), '[]') from (select ${select} from ${from}) x)`;
  const query = `
    with ents as (
      select unnest(${ids}) as id
      union all select id from deposits where report_id = any(${ids})
      union all select id from cancellation_requests where report_id = any(${ids})
      union all select id from grievances where report_id = any(${ids})
      union all select id from refund_requests where report_id = any(${ids})
      union all select id from worker_exits where worker_id = '${w.worker.id}'
      union all select id from evidence_files where report_id = any(${ids})
    )
    select json_build_object(
      'state', json_build_object(
        'reports', ${agg("id, status, version", `reports where id = any(${ids})`)},
        'deposits', ${agg(
          `id, report_id as "reportId", status, amount_baisa as "amountBaisa", refunded_baisa as "refundedBaisa", utilised_at as "utilisedAt"`,
          `deposits where report_id = any(${ids})`,
        )},
        'cancellations', ${agg(`id, report_id as "reportId", status, version`, `cancellation_requests where report_id = any(${ids})`)},
        'grievances', ${agg(`id, report_id as "reportId", status, version`, `grievances where report_id = any(${ids})`)},
        'refunds', ${agg(
          `id, report_id as "reportId", deposit_id as "depositId", status, ground`,
          `refund_requests where report_id = any(${ids})`,
        )},
        'exits', ${agg(`id, report_id as "reportId", kind`, `worker_exits where worker_id = '${w.worker.id}'`)},
        'evidence', ${agg(
          `id, shared_with_worker as "sharedWithWorker", shared_with_employer as "sharedWithEmployer"`,
          `evidence_files where report_id = any(${ids})`,
        )},
        'permit', (select permit_status from workers where id = '${w.worker.id}')
      ),
      'history', ${agg(`id, report_id as "reportId", from_status as "from", to_status as "to"`, `report_events where report_id = any(${ids})`)},
      'moves', ${agg(
        `id, entity, entity_id as "entityId", transition, from_status as "from", to_status as "to"`,
        `lifecycle_events where entity_id in (select id from ents)`,
      )},
      'audit', ${agg(
        `id, action, entity_id as "entityId"`,
        `audit_events where entity_type in ('report', 'deposit', 'cancellation_request', 'grievance', 'refund_request', 'worker_exit', 'evidence_file') and entity_id in (select id::text from ents)`,
      )},
      'outbox', ${agg(
        `id, recipient, template, entity_id as "entityId"`,
        `notifications where entity_id in (select id::text from ents) or recipient in (${recipients})`,
      )}
    ) as s`;
  const [row] = (await db.execute(sql.raw(query))) as unknown as { s: Snapshot }[];
  return row!.s;
}

// ------------------------------------------------------------------------------------------------ running

export type Outcome = { ok: true } | { ok: false; code: string } | { skipped: string };

/** Runs a use case; a refusal (thrown, or returned as `{ ok: false }`) becomes a value, anything else throws. */
async function attempt(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    const r = (await fn()) as { ok?: boolean; code?: string } | undefined;
    if (r && typeof r === "object" && r.ok === false) return { ok: false, code: r.code ?? "refused" };
    return { ok: true };
  } catch (e) {
    if (isRefusal(e)) return { ok: false, code: e.code };
    throw e;
  }
}

const caseOf = async (w: World, reportId: string): Promise<CaseFacts> => {
  const c = await loadCase(db, reportId, { now: w.now });
  if (!c) throw new Error(`no case ${reportId}`);
  return c;
};

const pick = (w: World, r: number) => w.reportIds[r % w.reportIds.length]!;
type Row = { id: string; status: string; version: number };
const openOrNewest = (rows: readonly Row[]): Row | undefined =>
  rows.find((x) => x.status === "submitted" || x.status === "under_review") ?? rows[0];

/**
 * One step: what the party is offered now (null when what-now says nothing about this action), and what the
 * use case did.
 */
export type Step = { action: Action; offered: boolean | null; outcome: Outcome };

export async function runAction(w: World, a: Action): Promise<Step> {
  // A minute passes between two steps: what people do one after the other happens at different moments.
  w.now = new Date(w.now.getTime() + 60_000);
  const now = w.now;
  const S = w.staff;
  const step = (offered: boolean | null, outcome: Outcome): Step => ({ action: a, offered, outcome });
  switch (a.kind) {
    case "advance":
      w.now = new Date(w.now.getTime() + a.days * 86_400_000);
      return step(null, { ok: true });
    case "expireDaily":
      return step(
        null,
        await attempt(() => expireStaleReports({ now, reportIds: w.reportIds, appUrl: APP })),
      );
    case "closeDaily":
      return step(null, await attempt(() => closeEndedReports({ now, reportIds: w.reportIds, appUrl: APP })));
    case "fileAnother":
      return step(null, await fileAnother(w));
  }
  const reportId = pick(w, a.r);
  const c = await caseOf(w, reportId);
  const employer = employerNow(c, actorRef(w.employer));
  switch (a.kind) {
    case "pay": {
      const offered = employer.resume === "pay";
      const started = await startDepositPayment(w.employer, reportId, { appUrl: APP, locale: "en" });
      if (!started.ok) return step(offered, { ok: false, code: started.code });
      if (started.kind !== "redirect")
        return step(offered, { ok: false, code: `no_payment_${started.kind}` });
      const [d] = await db
        .select()
        .from(deposits)
        .where(and(eq(deposits.reportId, reportId), eq(deposits.status, "pending")))
        .orderBy(desc(deposits.createdAt));
      if (!d?.providerSessionId) throw new Error("a redirect to pay without a pending deposit");
      const decided = await decideLocalPayment(
        w.employer,
        d.providerSessionId,
        a.approve ? "approve" : "decline",
        {
          appUrl: APP,
        },
      );
      return step(offered, decided.ok ? { ok: true } : { ok: false, code: decided.code });
    }
    case "discard":
      return step(employer.discard, await attempt(() => discardReport(w.employer, { reportId, now })));
    case "requestCancellation":
      return step(
        employer.requestCancellation.ok,
        await attempt(() =>
          requestCancellation(w.employer, {
            reportId,
            reason: "worker_returned",
            explanation: "The worker came back to work.",
            ip: null,
            appUrl: APP,
          }),
        ),
      );
    case "withdrawCancellation": {
      const target = openOrNewest(c.cancellations);
      if (!target) return step(null, { skipped: "no cancellation request" });
      return step(
        employer.withdrawCancellation?.id === target.id,
        await attempt(() => withdrawCancellation(w.employer, { requestId: target.id })),
      );
    }
    case "requestRefund":
      return step(
        employer.requestRefund,
        await attempt(() => requestRefund(w.employer, { reportId, appUrl: APP }, db, now)),
      );
    case "fileGrievance": {
      const worker = workerNow(c, actorRef(w.workerActor));
      if (c.report.status === "draft" || c.report.status === "awaiting_payment")
        return step(null, { skipped: "the worker does not see this report" });
      return step(
        worker.object.ok,
        await attempt(() =>
          fileGrievance(
            w.workerActor,
            {
              reportId,
              grounds: "salary_unpaid",
              statement: "My salary was not paid for two months, so I stopped.",
              contactPhone: "+96891234567",
              attachments: [],
              locale: "en",
              ip: null,
            },
            now,
          ),
        ),
      );
    }
    case "startReview": {
      const rows = a.what === "cancellation" ? c.cancellations : c.grievances;
      const target = openOrNewest(rows);
      if (!target) return step(null, { skipped: `no ${a.what}` });
      const offer = staffNow(c, actorRef(S[a.who])).requests.find((q) => q.id === target.id);
      return step(
        offer?.startReview.ok ?? false,
        await attempt(() =>
          startReview(
            S[a.who],
            { kind: a.what, requestId: target.id, expectedVersion: target.version },
            { now },
          ),
        ),
      );
    }
    case "decideReport":
      return step(
        staffNow(c, actorRef(S[a.who])).decideReport,
        await attempt(() =>
          decideReport(
            S[a.who],
            {
              reportId,
              outcome: a.approve ? "approve" : "reject",
              reasonCode: a.approve ? "evidence_sufficient" : "other",
              note: a.approve ? null : "Not enough to go on.",
              expectedVersion: c.report.version,
            },
            { now, appUrl: APP },
          ),
        ),
      );
    case "decideCancellation":
    case "decideGrievance": {
      const grievance = a.kind === "decideGrievance";
      const target = openOrNewest(grievance ? c.grievances : c.cancellations);
      if (!target) return step(null, { skipped: "no request" });
      const offer = staffNow(c, actorRef(S[a.who])).requests.find((q) => q.id === target.id);
      const input = {
        requestId: target.id,
        outcome: a.accept ? ("accept" as const) : ("reject" as const),
        reasonCode: grievance
          ? a.accept
            ? "worker_was_at_work"
            : "report_substantiated"
          : a.accept
            ? "worker_returned"
            : "not_substantiated",
        expectedVersion: target.version,
      };
      const decide = grievance ? decideGrievance : decideCancellation;
      return step(
        offer?.decide.ok ?? false,
        await attempt(() => decide(S[a.who], input, { now, appUrl: APP })),
      );
    }
    case "decideRefund": {
      const target = c.refunds.find((r) => r.status === "submitted") ?? c.refunds[0];
      if (!target) return step(null, { skipped: "no refund request" });
      return step(
        null,
        await attempt(() =>
          decideRefund(
            S.finance,
            {
              refundRequestId: target.id,
              decision: a.approve ? "approve" : "reject",
              reasonCode: a.approve ? "ground_verified" : "ground_not_met",
              expectedVersion: target.version,
            },
            { now, appUrl: APP },
          ),
        ),
      );
    }
    case "reopen": {
      const offer = staffNow(c, actorRef(S.supervisor)).reopen;
      return step(
        offer?.ok ?? false,
        await attempt(() =>
          reopenDecision(
            S.supervisor,
            {
              reportId,
              reasonCode: "decision_error",
              note: "The decision was recorded in error.",
              expectedVersion: c.report.version,
            },
            { now, appUrl: APP },
          ),
        ),
      );
    }
    case "recordExit":
      return step(
        null,
        await attempt(() =>
          recordWorkerExit(
            S[a.who],
            { reportId, kind: a.exit, exitDate: muscatDate(now), note: null },
            { now, appUrl: APP },
          ),
        ),
      );
    case "markUtilised": {
      const d = c.deposit;
      if (!d) return step(null, { skipped: "no deposit" });
      return step(
        null,
        await attempt(() =>
          markDepositUtilised(S.finance, { depositId: d.id, ticketReference: "TKT-1" }, { now, appUrl: APP }),
        ),
      );
    }
    case "share": {
      const staff = staffNow(c, actorRef(S.reviewerA));
      const offered = a.audience === "worker" ? staff.shareWithWorker.ok : staff.shareWithEmployer.ok;
      const files = staff.shareable[a.audience];
      const fileIds = files.length > 0 ? files : c.evidence.slice(0, 1).map((e) => e.id);
      if (fileIds.length === 0) return step(null, { skipped: "no files" });
      return step(
        offered,
        await attempt(() =>
          shareEvidence(S.reviewerA, { reportId, audience: a.audience, fileIds }, { now, appUrl: APP }),
        ),
      );
    }
  }
}

/**
 * The employer reports the same worker again: starts a report (the real use case refuses while the worker has
 * an open one or the permit is no longer the establishment's), fills in the answers and evidence as the filing
 * journey would, and checks them (prepareForPayment: the one-open-report rule again, and the fee).
 */
async function fileAnother(w: World): Promise<Outcome> {
  const started = await startReport(w.employer, { civilId: w.worker.civilId }, { now: w.now });
  if (!started.ok) return { ok: false, code: started.code };
  if (!w.reportIds.includes(started.reportId)) {
    w.reportIds.push(started.reportId);
    await db
      .update(reports)
      .set({
        lastDayAtWork: addDays(muscatDate(w.now), -10),
        workGovernorateCode: "MA",
        workAddress: "Site 4, Ruwi",
        contactAttempts: "Called twice",
        declDisputeBeforeAbsence: false,
        declWorkerLeftCountryKnown: false,
        declOnLegalLeave: false,
        declResignationAccepted: false,
      })
      .where(eq(reports.id, started.reportId));
    await addEmployerEvidence(started.reportId, w.employer.userId);
  }
  const prepared = await prepareForPayment(w.employer, started.reportId, { now: w.now });
  return prepared.ok ? { ok: true } : { ok: false, code: prepared.code };
}

// ---------------------------------------------------------------------------------------------- invariants

const OPEN_REQUEST = ["submitted", "under_review"];
const FINISHED_REPORT = ["rejected", "cancelled", "closed", "expired", "discarded"];

type AnyMachine = Machine<string, string, never>;
const MACHINES: Record<string, AnyMachine> = {
  report: reportMachine as unknown as AnyMachine,
  deposit: depositMachine as unknown as AnyMachine,
  cancellation: cancellationMachine as unknown as AnyMachine,
  grievance: grievanceMachine as unknown as AnyMachine,
  refund: refundMachine as unknown as AnyMachine,
};

/** A report's move, from its history row (the report table's (from, to) pairs name one move each). */
function reportMove(from: string | null, to: string): string | null {
  if (from === null) return null;
  const found = movesOf(MACHINES.report!).filter((m) => m.from === from && m.to === to);
  if (found.length !== 1) throw new Error(`report history ${from} → ${to} matches ${found.length} moves`);
  return found[0]!.name;
}

/** Who a message went to. */
function audienceOf(w: World, recipient: string): Audience {
  if (recipient === w.worker.mobile || recipient === w.worker.email) return "worker";
  if (recipient === w.establishment.email || recipient === w.employer.email) return "employer";
  return "staff";
}

/**
 * A refund ground holds (DOMAIN.md §4), read straight off the law rather than the app's refund rules: the
 * report was rejected or cancelled (cancellation or grievance accepted), its legal period ended and the claim
 * is within 9 years of approval, or the worker left at their own expense and the permit was cancelled (and the
 * deposit did not pay for a deportation).
 */
export function refundGroundHolds(c: CaseFacts): boolean {
  const s = c.report.status;
  if (s === "rejected" || s === "cancelled") return true;
  if ((s === "approved" || s === "closed") && c.report.approvedAt) {
    const dates = datesFromApproval(c.report.approvedAt);
    const today = muscatDate(c.now);
    if (today >= dates.legalPeriodEnds && today <= dates.refundClaimUntil) return true;
  }
  const exits = c.exits.filter((e) => e.reportId === c.report.id);
  const deported = exits.some((e) => e.kind === "deported");
  const filed = ["submitted", "approved", "rejected", "cancelled", "closed"].includes(s);
  return filed && c.worker.permitStatus === "cancelled" && !deported;
}

export type Violation = string;

/** Checks every invariant after a step; returns what does not hold (empty: all hold). */
export async function checkInvariants(
  w: World,
  before: Snapshot,
  after: Snapshot,
  last: Step,
): Promise<Violation[]> {
  const bad: Violation[] = [];
  const { state } = after;

  // 1. At most one open report per worker.
  const open = state.reports.filter((r) => (OPEN_REPORT_STATUSES as readonly string[]).includes(r.status));
  if (open.length > 1) bad.push(`two open reports for one worker: ${open.map((r) => r.status).join(", ")}`);

  // 2. No pending cancellation or grievance on a finished report (nor on one never filed).
  for (const r of state.reports) {
    if (!FINISHED_REPORT.includes(r.status) && r.status !== "draft" && r.status !== "awaiting_payment")
      continue;
    for (const q of [...state.cancellations, ...state.grievances])
      if (q.reportId === r.id && OPEN_REQUEST.includes(q.status))
        bad.push(`a ${q.status} request on a ${r.status} report`);
  }

  // 3. Deposits: refunded at most once, never after use, never more than paid; no refund in flight for a
  //    deposit no longer held.
  for (const d of state.deposits) {
    const refunded = state.refunds.filter((f) => f.depositId === d.id && f.status === "refunded");
    if (refunded.length > 1) bad.push(`deposit refunded ${refunded.length} times`);
    if (d.refundedBaisa > d.amountBaisa) bad.push("refunded more than was paid");
    if (d.status === "utilised" && (d.refundedBaisa > 0 || refunded.length > 0))
      bad.push("used and refunded");
    if (d.status === "refunded" && d.utilisedAt) bad.push("refunded after use");
    if (d.status === "refunded" && refunded.length !== 1) bad.push("deposit refunded without its request");
    const inFlight = state.refunds.filter(
      (f) => f.depositId === d.id && (f.status === "submitted" || f.status === "approved"),
    );
    if (inFlight.length > 0 && d.status !== "paid")
      bad.push(`a ${inFlight[0]!.status} refund on a ${d.status} deposit`);
    if (inFlight.length > 1) bad.push("two refund requests in flight for one deposit");
    const wasRefunded = before.state.deposits.find((x) => x.id === d.id)?.status === "refunded";
    if (d.status === "refunded" && !wasRefunded) {
      const c = await caseOf(w, d.reportId);
      if (!refundGroundHolds(c)) bad.push(`deposit refunded with no ground (report ${c.report.status})`);
    }
  }

  // 4. What each party is told agrees with the state and with the others.
  for (const r of state.reports) {
    const c = await caseOf(w, r.id);
    const worker = workerNow(c, actorRef(w.workerActor));
    const employer = employerNow(c, actorRef(w.employer));
    const reviewer = staffNow(c, actorRef(w.staff.reviewerB));
    const openG = c.grievances.find((g) => OPEN_REQUEST.includes(g.status)) ?? null;
    const openC = c.cancellations.find((q) => OPEN_REQUEST.includes(q.status)) ?? null;
    const s = c.report.status;
    const tag = `report ${s}`;
    if ((worker.openGrievance?.id ?? null) !== (openG?.id ?? null))
      bad.push(`${tag}: worker's open grievance wrong`);
    if (worker.object.ok && (openG || (s !== "submitted" && s !== "approved")))
      bad.push(`${tag}: worker offered a grievance (open one: ${Boolean(openG)})`);
    if (worker.story.endsWith("_grievance") !== Boolean(openG))
      bad.push(`${tag}: worker story ${worker.story}`);
    if (s === "submitted" || s === "approved" || s === "rejected" || s === "cancelled" || s === "closed") {
      if (employer.story.endsWith("_grievance") !== worker.story.endsWith("_grievance"))
        bad.push(`${tag}: employer story ${employer.story}, worker story ${worker.story}`);
      if (employer.story.replace("_grievance", "") !== worker.story.replace("_grievance", ""))
        bad.push(`${tag}: employer story ${employer.story}, worker story ${worker.story}`);
    }
    const employerSeesOpen = employer.grievance !== null && OPEN_REQUEST.includes(employer.grievance.status);
    if (employerSeesOpen !== Boolean(openG))
      bad.push(`${tag}: employer told grievance ${employer.grievance?.status}`);
    const listed = reviewer.requests.map((q) => q.id).sort();
    const expected = [openC?.id, openG?.id].filter((x): x is string => Boolean(x)).sort();
    if (listed.join() !== expected.join())
      bad.push(`${tag}: staff list ${listed.length} open requests, ${expected.length} open`);
    if (employer.withdrawCancellation && employer.withdrawCancellation.id !== openC?.id)
      bad.push(`${tag}: employer offered to withdraw a request that is not open`);
    if (openC && !employer.withdrawCancellation)
      bad.push(`${tag}: employer not offered to withdraw the open request`);
    if (employer.requestCancellation.ok && (openC || (s !== "submitted" && s !== "approved")))
      bad.push(`${tag}: employer offered a cancellation request`);
    if (reviewer.decideReport !== (s === "submitted"))
      bad.push(`${tag}: reviewer offered decideReport ${reviewer.decideReport}`);
    const d = c.deposit;
    const held = Boolean(d && d.status === "paid" && !d.utilisedAt && d.refundedBaisa === 0);
    const inFlight = c.refunds.some(
      (f) => f.status === "submitted" || f.status === "approved" || f.status === "refunded",
    );
    const shouldOffer = held && !inFlight && refundGroundHolds(c);
    if (employer.requestRefund !== shouldOffer)
      bad.push(
        `${tag}: employer offered a refund ${employer.requestRefund}, a ground holds on a held deposit ${shouldOffer}`,
      );
  }

  // 5. The acting party was offered exactly what the use case accepted; a refusal changed nothing.
  if ("skipped" in last.outcome) {
    if (JSON.stringify(after) !== JSON.stringify(before)) bad.push("a skipped action changed something");
  } else {
    if (last.offered !== null && last.offered !== last.outcome.ok)
      bad.push(
        `${last.action.kind}: offered ${last.offered} but the use case ${last.outcome.ok ? "accepted it" : `refused it (${last.outcome.code})`}`,
      );
    if (!last.outcome.ok && JSON.stringify(after) !== JSON.stringify(before))
      bad.push(
        `${last.action.kind} was refused (${last.outcome.code}) but changed ${changedParts(before, after)}`,
      );
  }

  // 6. Every new history row has its audit event, and the people its move tells got a message this step.
  const seen = (rows: { id: string | number }[]) => new Set(rows.map((x) => String(x.id)));
  const oldHistory = seen(before.history);
  const oldMoves = seen(before.moves);
  const oldAudit = seen(before.audit);
  const oldOutbox = seen(before.outbox);
  const newAudit = after.audit.filter((x) => !oldAudit.has(String(x.id)));
  const newOutbox = after.outbox.filter((x) => !oldOutbox.has(String(x.id)));
  const told = new Set(newOutbox.map((n) => audienceOf(w, n.recipient)));
  const made: { entity: string; id: string; move: string }[] = [];
  for (const h of after.history.filter((x) => !oldHistory.has(String(x.id)))) {
    const move = reportMove(h.from, h.to);
    if (move) made.push({ entity: "report", id: h.reportId, move });
  }
  for (const m of after.moves.filter((x) => !oldMoves.has(String(x.id)))) {
    if (m.from === "none") continue; // a creation: its own audit event (checked by the use cases' tests)
    made.push({ entity: m.entity, id: m.entityId, move: m.transition });
  }
  for (const m of made) {
    if (!newAudit.some((x) => x.entityId === m.id && x.action === `${m.entity}.${m.move}`))
      bad.push(`${m.entity}.${m.move} has no audit event`);
    const machine = MACHINES[m.entity];
    const spec = machine?.transitions[m.move];
    if (machine && !spec) bad.push(`${m.entity}.${m.move} is not in its table`);
    for (const who of spec?.tells ?? [])
      if (!told.has(who)) bad.push(`${m.entity}.${m.move} tells ${who}, but no message went to ${who}`);
  }
  return bad;
}

function changedParts(a: Snapshot, b: Snapshot): string {
  const parts: string[] = [];
  for (const k of Object.keys(a.state) as (keyof Snapshot["state"])[])
    if (JSON.stringify(a.state[k]) !== JSON.stringify(b.state[k])) parts.push(k);
  for (const k of ["history", "moves", "audit", "outbox"] as const)
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) parts.push(k);
  return parts.join(", ");
}

export function describeAction(a: Action): string {
  const { kind, ...rest } = a;
  const args = Object.entries(rest)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  return args ? `${kind}(${args})` : kind;
}
