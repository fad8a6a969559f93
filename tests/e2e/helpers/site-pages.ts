/**
 * Every kind of page of the service, with the user who sees it and the data it needs: one catalogue for the
 * bundle-budget spec and the accessibility spec, so a page added here is measured and checked by both.
 *
 * Reads the seeded demo rows (never changes them) and adds a few rows of its own: a worker with an approved
 * report (the worker's pages and the grievance form), an inspection referral, and an establishment with a
 * report awaiting payment through the local gateway (the test payment page).
 * Static imports only (see global-setup.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  deposits,
  employerUsers,
  inspectionReferrals,
  refundRequests,
  reports,
  staffUsers,
} from "@/db/schema";
import { AL_NOOR_CR, DEMO_ACCOUNTS } from "@/db/seed";
import { LOCAL_SESSION_PREFIX } from "@/lib/payments/local";
import { addCaseRows } from "../../helpers/case-fixtures";
import { createAwaitingPaymentReport } from "../../helpers/payment-fixtures";
import { createReport, createWorker } from "../../helpers/worker-fixtures";

export type Role = "anonymous" | "employer" | "payer" | "worker" | "reviewer" | "finance" | "supervisor";
/** Worker and public pages must stay light (people on cheap phones and slow links); the rest may carry more. */
export type Audience = "public" | "worker" | "employer" | "staff" | "dev";

export type SitePage = {
  /** A short name for tables and test titles. */
  name: string;
  /** The path after the locale, "" for the landing page. */
  path: string;
  as: Role;
  audience: Audience;
  /** A form whose error state is checked too: the CSS selector of the button that sends it empty. */
  emptySubmit?: string;
};

export type SiteUsers = Record<
  Exclude<Role, "anonymous">,
  { kind: "employer" | "worker" | "staff"; id: string }
>;

export const BUDGET_BYTES: Record<Audience, number> = {
  public: 150_000,
  worker: 150_000,
  employer: 250_000,
  staff: 250_000,
  dev: 250_000,
};

async function seededReportId(key: string): Promise<string> {
  const [row] = await db
    .select({ id: deposits.reportId })
    .from(deposits)
    .where(eq(deposits.providerSessionId, `seed_${key}_0`));
  if (!row) throw new Error(`seeded report ${key} not found`);
  return row.id;
}

export async function prepareSitePages(): Promise<{ pages: SitePage[]; users: SiteUsers }> {
  const owner = DEMO_ACCOUNTS.employer.find((a) => a.crNumber === AL_NOOR_CR && a.role === "owner")!;
  const [ownerRow] = await db
    .select({ id: employerUsers.id, establishmentId: employerUsers.establishmentId })
    .from(employerUsers)
    .where(eq(employerUsers.email, owner.email));
  const staffId = async (role: "reviewer" | "finance" | "supervisor") => {
    const email = DEMO_ACCOUNTS.staff.find((s) => s.role === role)!.email;
    const [row] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
    return row!.id;
  };

  const [draft] = await db
    .select({ id: reports.id, workerId: reports.workerId })
    .from(reports)
    .where(and(eq(reports.establishmentId, ownerRow!.establishmentId), eq(reports.status, "draft")))
    .orderBy(asc(reports.reference));
  const awaiting = await seededReportId("alnoor-awaiting");
  const submitted = await seededReportId("alnoor-submitted");
  const approvedWorkerLeft = await seededReportId("alnoor-approved-worker-left");
  const [refund] = await db
    .select({ id: refundRequests.id })
    .from(refundRequests)
    .orderBy(asc(refundRequests.createdAt));
  const [paidDeposit] = await db
    .select({ id: deposits.id })
    .from(deposits)
    .where(eq(deposits.providerSessionId, "seed_alnoor-submitted_0"));

  // The worker's pages: a worker of their own with an approved report, inside the grievance period.
  const worker = await createWorker(db);
  const workerReport = await createReport(db, {
    workerId: worker.id,
    status: "approved",
    approvedAt: new Date(),
    grievanceDeadline: null,
  });

  // Issue 10: a case with a report decision, a cancellation and a grievance all pending (three decision forms
  // and two share forms on one page), the same worker's earlier report refused with its grievance closed and
  // a document shared with them, and the approved report with evidence a supervisor may reopen.
  const pendingWorker = await createWorker(db);
  const pending = await createReport(db, { workerId: pendingWorker.id, status: "submitted" });
  await addCaseRows(db, pending.id, { evidence: true, cancellation: true, grievance: "submitted" });
  const refused = await createReport(db, {
    workerId: worker.id,
    status: "rejected",
    submittedAt: new Date(Date.now() - 30 * 86_400_000),
  });
  await addCaseRows(db, refused.id, { evidence: true, grievance: "closed", sharedWithWorker: true });
  await addCaseRows(db, workerReport.id, { evidence: true });

  // An inspection referral (the seed has none); one fixed period, so repeated runs reuse it.
  await db
    .insert(inspectionReferrals)
    .values({
      establishmentId: ownerRow!.establishmentId,
      period: "month",
      periodKey: "1999-01",
      reportCount: 3,
    })
    .onConflictDoNothing();
  const [referral] = await db
    .select({ id: inspectionReferrals.id })
    .from(inspectionReferrals)
    .where(
      and(
        eq(inspectionReferrals.establishmentId, ownerRow!.establishmentId),
        eq(inspectionReferrals.periodKey, "1999-01"),
      ),
    );

  // The local gateway's test payment page: a deposit with a local checkout session, of an establishment of
  // its own (so the demo establishments' reports stay as seeded).
  const payment = await createAwaitingPaymentReport();
  const sessionId = `${LOCAL_SESSION_PREFIX}${payment.report.id.replace(/-/g, "")}`;
  await db.insert(deposits).values({
    reportId: payment.report.id,
    amountBaisa: payment.report.feeBaisa!,
    status: "pending",
    provider: "local",
    providerSessionId: sessionId,
  });

  const users: SiteUsers = {
    employer: { kind: "employer", id: ownerRow!.id },
    payer: { kind: "employer", id: payment.employer.userId },
    worker: { kind: "worker", id: worker.id },
    reviewer: { kind: "staff", id: await staffId("reviewer") },
    finance: { kind: "staff", id: await staffId("finance") },
    supervisor: { kind: "staff", id: await staffId("supervisor") },
  };

  const submit = (button = "main form[novalidate] button[type=submit]") => ({ emptySubmit: button });
  const pages: SitePage[] = [
    // Public.
    { name: "landing", path: "", as: "anonymous", audience: "public" },
    { name: "sign-in choice", path: "/sign-in", as: "anonymous", audience: "public" },
    { name: "employer sign-in", path: "/sign-in/employer", as: "anonymous", audience: "public", ...submit() },
    { name: "staff sign-in", path: "/sign-in/staff", as: "anonymous", audience: "public", ...submit() },
    { name: "worker sign-in", path: "/sign-in/worker", as: "anonymous", audience: "public", ...submit() },
    { name: "sign-up", path: "/sign-up", as: "anonymous", audience: "public", ...submit() },
    {
      name: "sign-up: check e-mail",
      path: "/sign-up/check-email?to=o***%40example.om",
      as: "anonymous",
      audience: "public",
    },
    {
      name: "sign-up: verify (bad link)",
      path: "/sign-up/verify?token=not-a-token",
      as: "anonymous",
      audience: "public",
    },
    { name: "password reset", path: "/password-reset", as: "anonymous", audience: "public", ...submit() },
    {
      name: "new password (bad link)",
      path: "/password-reset/new?token=not-a-token",
      as: "anonymous",
      audience: "public",
    },
    {
      name: "invitation (bad link)",
      path: "/invitation?token=not-a-token",
      as: "anonymous",
      audience: "public",
    },
    {
      name: "staff invitation (bad link)",
      path: "/staff-invitation?token=not-a-token",
      as: "anonymous",
      audience: "public",
    },
    { name: "employer guide", path: "/guide/employer", as: "anonymous", audience: "public" },
    { name: "worker guide", path: "/guide/worker", as: "anonymous", audience: "public" },
    { name: "forbidden", path: "/forbidden", as: "anonymous", audience: "public" },
    { name: "not found (404)", path: "/no-such-page", as: "anonymous", audience: "public" },
    // Employer.
    { name: "employer dashboard", path: "/employer", as: "employer", audience: "employer" },
    {
      name: "filing: the worker",
      path: "/employer/reports/new",
      as: "employer",
      audience: "employer",
      ...submit(),
    },
    {
      name: "filing: the worker found, to confirm",
      path: `/employer/reports/new?worker=${draft!.workerId}`,
      as: "employer",
      audience: "employer",
    },
    {
      name: "filing: the absence",
      path: `/employer/reports/${draft!.id}/edit/absence`,
      as: "employer",
      audience: "employer",
    },
    {
      name: "filing: evidence",
      path: `/employer/reports/${draft!.id}/edit/evidence`,
      as: "employer",
      audience: "employer",
    },
    {
      name: "filing: check answers",
      path: `/employer/reports/${draft!.id}/edit/check`,
      as: "employer",
      audience: "employer",
    },
    { name: "report", path: `/employer/reports/${submitted}`, as: "employer", audience: "employer" },
    { name: "pay", path: `/employer/reports/${awaiting}/pay`, as: "employer", audience: "employer" },
    {
      name: "confirmation",
      path: `/employer/reports/${submitted}/confirmation`,
      as: "employer",
      audience: "employer",
    },
    {
      name: "cancel",
      path: `/employer/reports/${submitted}/cancel`,
      as: "employer",
      audience: "employer",
      ...submit(),
    },
    // Not sent empty: its one button would discard the draft the filing pages above are checked on.
    { name: "discard", path: `/employer/reports/${draft!.id}/discard`, as: "employer", audience: "employer" },
    {
      name: "refund",
      path: `/employer/reports/${approvedWorkerLeft}/refund`,
      as: "employer",
      audience: "employer",
    },
    {
      name: "report: requests pending",
      path: `/employer/reports/${pending.id}`,
      as: "employer",
      audience: "employer",
    },
    { name: "team", path: "/employer/team", as: "employer", audience: "employer" },
    // Worker.
    { name: "worker look-up", path: "/worker", as: "worker", audience: "worker" },
    { name: "worker report", path: `/worker/reports/${workerReport.id}`, as: "worker", audience: "worker" },
    {
      name: "worker report: refused, documents shared",
      path: `/worker/reports/${refused.id}`,
      as: "worker",
      audience: "worker",
    },
    {
      name: "grievance form",
      path: `/worker/reports/${workerReport.id}/grievance`,
      as: "worker",
      audience: "worker",
      ...submit(),
    },
    // Staff.
    { name: "admin home", path: "/admin", as: "supervisor", audience: "staff" },
    { name: "queue: reports", path: "/admin/queues/reports", as: "reviewer", audience: "staff" },
    { name: "queue: cancellations", path: "/admin/queues/cancellations", as: "reviewer", audience: "staff" },
    { name: "queue: grievances", path: "/admin/queues/grievances", as: "reviewer", audience: "staff" },
    { name: "case", path: `/admin/reports/${submitted}`, as: "reviewer", audience: "staff" },
    {
      name: "case: three decisions pending",
      path: `/admin/reports/${pending.id}`,
      as: "reviewer",
      audience: "staff",
      ...submit('[data-testid="decision-grievance"] button[type=submit]'),
    },
    {
      name: "case: reopen (supervisor)",
      path: `/admin/reports/${workerReport.id}`,
      as: "supervisor",
      audience: "staff",
      ...submit('[data-testid="reopen-decision"] button[type=submit]'),
    },
    { name: "forbidden (staff)", path: "/forbidden", as: "finance", audience: "staff" },
    { name: "refunds", path: "/admin/refunds", as: "finance", audience: "staff" },
    { name: "refund request", path: `/admin/refunds/${refund!.id}`, as: "finance", audience: "staff" },
    { name: "deposit", path: `/admin/refunds/deposit/${paidDeposit!.id}`, as: "finance", audience: "staff" },
    { name: "fees", path: "/admin/settings/fees", as: "finance", audience: "staff" },
    { name: "inspections", path: "/admin/inspections", as: "supervisor", audience: "staff" },
    { name: "inspection", path: `/admin/inspections/${referral!.id}`, as: "supervisor", audience: "staff" },
    { name: "governorates", path: "/admin/settings/governorates", as: "supervisor", audience: "staff" },
    { name: "staff accounts", path: "/admin/staff", as: "supervisor", audience: "staff" },
    { name: "statistics", path: "/admin/statistics", as: "supervisor", audience: "staff" },
    { name: "audit log", path: "/admin/audit", as: "supervisor", audience: "staff" },
    // Demo tools.
    { name: "dev outbox", path: "/dev/outbox", as: "anonymous", audience: "dev" },
    { name: "dev pay (local gateway)", path: `/dev/pay/${sessionId}`, as: "payer", audience: "dev" },
  ];
  return { pages, users };
}
