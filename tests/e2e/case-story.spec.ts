/**
 * Issue 10: no path through the service leaves a party with a contradictory screen. In Arabic and English:
 * - the staff case page with a report decision, a cancellation decision and a grievance decision pending has
 *   every id once, every control labelled, and a reviewer who clicks the grievance's own label records the
 *   grievance's decision (contradiction 2: the forms shared their ids, so that click checked the report's
 *   radio);
 * - with a grievance and a cancellation request both waiting on an approved report, clicking the grievance's
 *   "reject" label refuses the grievance and touches neither the request nor the report;
 * - after sending a grievance, the worker's page says one thing: the grievance was sent, nothing about
 *   objecting now (contradiction 3);
 * - a case with a pending grievance is rejected, and the worker's page, the employer's page, the case page
 *   and the grievance queue all tell the same story: the report refused, the grievance closed as no longer
 *   needed, the deposit asked back for the employer.
 * Signed in by minted session cookies (the sign-in journeys are tested elsewhere). Static imports only.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  cancellationRequests,
  deposits,
  grievances,
  refundRequests,
  reportEvents,
  reports,
  staffUsers,
} from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { messages } from "@/messages";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";
import { signInAs } from "./helpers/session";

/** The phrase the worker's page used to say next to "your grievance was sent" (contradiction 3). */
const CAN_OBJECT_NOW = { ar: "يمكنك التظلم الآن", en: "You can object now" } as const;

async function reviewerId(): Promise<string> {
  const email = DEMO_ACCOUNTS.staff.find((s) => s.role === "reviewer")!.email;
  const [row] = await db.select({ id: staffUsers.id }).from(staffUsers).where(eq(staffUsers.email, email));
  return row!.id;
}

async function contextAs(
  browser: Browser,
  kind: "employer" | "worker" | "staff",
  id: string,
): Promise<BrowserContext> {
  const baseURL = test.info().project.use.baseURL!;
  const context = await browser.newContext({ baseURL });
  await signInAs(context, baseURL, kind, id);
  return context;
}

/** A submitted report with a paid deposit and an open grievance (and, optionally, a cancellation request). */
async function pendingCase(opts: { cancellation?: boolean; approved?: boolean } = {}) {
  const est = await createEstablishment("Story");
  const worker = await createWorker(est.id, { nationality: "IN" });
  const report = await createReport(est, {
    status: opts.approved ? "approved" : "submitted",
    workerId: worker.id,
    deposit: "paid",
    approvedAt: opts.approved ? new Date(Date.now() - 86_400_000) : undefined,
  });
  const [g] = await db
    .insert(grievances)
    .values({
      reportId: report.id,
      workerId: worker.id,
      grounds: "at_work",
      statement: "I was at work every day; the attendance sheet shows it.",
      contactPhone: "+96891234567",
    })
    .returning();
  if (opts.cancellation) {
    await db.insert(cancellationRequests).values({
      reportId: report.id,
      reason: "worker_returned",
      explanation: "The worker came back to work on Sunday.",
      requestedBy: est.owner.userId,
    });
  }
  return { est, worker, report, grievanceId: g!.id };
}

/** Every id on the page that is used more than once. */
async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll("[id]")))
      seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
}

for (const locale of ["ar", "en"] as const) {
  const m = messages[locale];
  const d = m.adminDecisions;

  test(`a case page with three decisions pending: unique ids, labelled controls, and the grievance's label decides the grievance (${locale})`, async ({
    browser,
  }) => {
    const k = await pendingCase({ cancellation: true });
    const context = await contextAs(browser, "staff", await reviewerId());
    const page = await context.newPage();
    await page.goto(`/${locale}/admin/reports/${k.report.id}`);
    await expect(page.getByTestId("decision-report")).toBeVisible();
    await expect(page.getByTestId("decision-cancellation")).toBeVisible();
    await expect(page.getByTestId("decision-grievance")).toBeVisible();

    expect(await duplicateIds(page)).toEqual([]);
    const { violations } = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .withRules([
        "duplicate-id",
        "duplicate-id-active",
        "duplicate-id-aria",
        "label",
        "form-field-multiple-labels",
      ])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
      [],
    );

    // The reviewer clicks the words "accept the grievance (cancel the report)": that radio, and only that one.
    const grievanceForm = page.getByTestId("decision-grievance");
    const reportForm = page.getByTestId("decision-report");
    await grievanceForm.getByText(d.form.outcomes.grievance.accept, { exact: true }).click();
    await expect(grievanceForm.getByRole("radio", { name: d.form.outcomes.grievance.accept })).toBeChecked();
    await expect(reportForm.getByRole("radio", { name: d.form.outcomes.report.approve })).not.toBeChecked();
    await grievanceForm
      .getByRole("combobox", { name: d.form.reason })
      .selectOption({ label: d.reasons.worker_was_at_work });
    await grievanceForm.getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("decided-notice")).toHaveText(d.case.decided.grievance_accepted);

    const [g] = await db.select().from(grievances).where(eq(grievances.id, k.grievanceId));
    expect(g!.status).toBe("accepted");
    const [r] = await db.select().from(reports).where(eq(reports.id, k.report.id));
    expect(r!.status).toBe("cancelled");
    await context.close();
  });

  test(`a reviewer rejects a grievance by clicking its label next to a cancellation request: the grievance is refused, nothing else (${locale})`, async ({
    browser,
  }) => {
    // An approved report (decided by someone else) with a grievance and a cancellation request both waiting:
    // two forms with the same outcome words ("reject"/"refuse") on one page, where shared ids once sent a click
    // on one form's label to the other's radio.
    const k = await pendingCase({ cancellation: true, approved: true });
    const context = await contextAs(browser, "staff", await reviewerId());
    const page = await context.newPage();
    await page.goto(`/${locale}/admin/reports/${k.report.id}`);
    await expect(page.getByTestId("decision-report")).toHaveCount(0);
    const grievanceForm = page.getByTestId("decision-grievance");
    const cancellationForm = page.getByTestId("decision-cancellation");
    await expect(cancellationForm).toBeVisible();
    expect(await duplicateIds(page)).toEqual([]);

    await grievanceForm.getByText(d.form.outcomes.grievance.reject, { exact: true }).click();
    await expect(grievanceForm.getByRole("radio", { name: d.form.outcomes.grievance.reject })).toBeChecked();
    await expect(
      grievanceForm.getByRole("radio", { name: d.form.outcomes.grievance.accept }),
    ).not.toBeChecked();
    for (const outcome of [d.form.outcomes.cancellation.accept, d.form.outcomes.cancellation.reject])
      await expect(cancellationForm.getByRole("radio", { name: outcome })).not.toBeChecked();
    await grievanceForm
      .getByRole("combobox", { name: d.form.reason })
      .selectOption({ label: d.reasons.report_substantiated });
    await grievanceForm.getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("decided-notice")).toHaveText(d.case.decided.grievance_rejected);
    await context.close();

    // Recorded: the grievance refused with the chosen reason; the report and the cancellation request untouched.
    const [g] = await db.select().from(grievances).where(eq(grievances.id, k.grievanceId));
    expect([g!.status, g!.decisionReasonCode]).toEqual(["rejected", "report_substantiated"]);
    const [r] = await db.select().from(reports).where(eq(reports.id, k.report.id));
    expect(r!.status).toBe("approved");
    const [c] = await db
      .select()
      .from(cancellationRequests)
      .where(eq(cancellationRequests.reportId, k.report.id));
    expect(c!.status).toBe("submitted");

    // Both parties: the report stands, the grievance refused.
    const workerContext = await contextAs(browser, "worker", k.worker.id);
    const workerPage = await workerContext.newPage();
    await workerPage.goto(`/${locale}/worker/reports/${k.report.id}`);
    await expect(workerPage.getByText(m.worker.statusHelp.approved)).toBeVisible();
    await expect(workerPage.getByTestId("grievance-status")).toHaveText(m.worker.grievanceStatuses.rejected);
    await workerContext.close();
    const employerContext = await contextAs(browser, "employer", k.est.owner.userId);
    const employerPage = await employerContext.newPage();
    await employerPage.goto(`/${locale}/employer/reports/${k.report.id}`);
    // "Approved by the Ministry. The worker may object until {date}.": the words before the date.
    const approvedMeaning = m.tracking.statusMeaning.approved.split("{date}")[0]!.trim();
    await expect(employerPage.getByText(approvedMeaning)).toBeVisible();
    await expect(employerPage.getByText(m.tracking.report.grievanceStatus.rejected)).toBeVisible();
    await employerContext.close();
  });

  test(`after sending a grievance the worker's page tells one story (${locale})`, async ({ browser }) => {
    const est = await createEstablishment("Story");
    const worker = await createWorker(est.id, { nationality: "IN" });
    const report = await createReport(est, { status: "submitted", workerId: worker.id, deposit: "paid" });
    const w = m.worker;
    const context = await contextAs(browser, "worker", worker.id);
    const page = await context.newPage();
    await page.goto(`/${locale}/worker/reports/${report.id}`);
    await page.getByRole("link", { name: w.objectButton }).click();
    await page.getByLabel(w.groundNames.at_work).check();
    await page.getByLabel(w.statement).fill("I was at work every day; the attendance sheet shows it.");
    await page.getByLabel(w.contactPhone).fill("9123 4567");
    await page.getByRole("button", { name: w.submit }).click();
    await expect(page).toHaveURL(/grievance=filed/);

    for (const url of [page.url(), `/${locale}/worker/reports/${report.id}`]) {
      await page.goto(url);
      await expect(page.getByTestId("grievance-status")).toHaveText(w.grievanceStatuses.submitted);
      const text = await page.locator("main").innerText();
      expect(text).not.toContain(CAN_OBJECT_NOW[locale]);
      await expect(page.getByRole("link", { name: w.objectButton })).toHaveCount(0);
      await expect(page.getByTestId("grievance-deadline")).toHaveCount(0);
    }
    await context.close();
  });

  test(`a case with a pending grievance is rejected: the worker and the employer see one story (${locale})`, async ({
    browser,
  }) => {
    const k = await pendingCase();
    const staff = await contextAs(browser, "staff", await reviewerId());
    const casePage = await staff.newPage();
    await casePage.goto(`/${locale}/admin/reports/${k.report.id}`);
    const reportForm = casePage.getByTestId("decision-report");
    await reportForm.getByText(d.form.outcomes.report.reject, { exact: true }).click();
    await reportForm
      .getByRole("combobox", { name: d.form.reason })
      .selectOption({ label: d.reasons.evidence_insufficient });
    await reportForm.getByRole("button", { name: d.form.submit }).click();
    await expect(casePage.getByTestId("decided-notice")).toHaveText(d.case.decided.report_rejected);
    // Nothing is left to decide: the grievance closed with its report.
    await expect(casePage.getByTestId("decision-grievance")).toHaveCount(0);
    await expect(casePage.getByText(d.case.nothingToDecide)).toBeVisible();
    // …and the grievance queue no longer lists it.
    await casePage.goto(`/${locale}/admin/queues/grievances?q=${k.report.reference}`);
    await expect(casePage.getByTestId("queue")).toHaveCount(0);
    await staff.close();

    // The worker: the report refused, the grievance closed as no longer needed, nothing to object to.
    const w = m.worker;
    const workerContext = await contextAs(browser, "worker", k.worker.id);
    const workerPage = await workerContext.newPage();
    await workerPage.goto(`/${locale}/worker/reports/${k.report.id}`);
    await expect(workerPage.getByText(w.statusHelp.rejected)).toBeVisible();
    await expect(workerPage.getByTestId("grievance-status")).toHaveText(w.grievanceStatuses.closed);
    await expect(workerPage.getByText(w.windowClosedNotInForce)).toBeVisible();
    await expect(workerPage.getByRole("link", { name: w.objectButton })).toHaveCount(0);
    expect(await workerPage.locator("main").innerText()).not.toContain(CAN_OBJECT_NOW[locale]);
    await workerContext.close();

    // The employer: refused, the grievance closed, the deposit already asked back on their behalf.
    const r = m.tracking.report;
    const employerContext = await contextAs(browser, "employer", k.est.owner.userId);
    const employerPage = await employerContext.newPage();
    await employerPage.goto(`/${locale}/employer/reports/${k.report.id}`);
    await expect(employerPage.getByText(m.tracking.statusMeaning.rejected)).toBeVisible();
    await expect(employerPage.getByText(r.grievanceStatus.closed)).toBeVisible();
    await expect(employerPage.getByText(r.refundStatus.submitted)).toBeVisible();
    const actions = employerPage.getByTestId("report-actions");
    await expect(actions.getByRole("link", { name: r.requestRefund })).toHaveCount(0);
    await expect(actions.getByRole("link", { name: r.requestCancellation })).toHaveCount(0);
    await employerContext.close();

    const refunds = await db.select().from(refundRequests).where(eq(refundRequests.reportId, k.report.id));
    expect(refunds.map((x) => [x.ground, x.status])).toEqual([["report_rejected", "submitted"]]);
    const [dep] = await db.select().from(deposits).where(eq(deposits.reportId, k.report.id));
    expect(dep!.status).toBe("paid");
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the decision form shows only the chosen outcome's reasons, and the server records that reason", async ({
    browser,
  }) => {
    const d = messages.en.adminDecisions;
    const est = await createEstablishment("Story");
    const report = await createReport(est, { status: "submitted", deposit: "paid" });
    const context = await browser.newContext({
      baseURL: test.info().project.use.baseURL!,
      javaScriptEnabled: false,
    });
    await signInAs(context, test.info().project.use.baseURL!, "staff", await reviewerId());
    const page = await context.newPage();
    await page.goto(`/en/admin/reports/${report.id}`);
    const form = page.getByTestId("decision-report");
    // Nothing chosen: no reason list is offered yet.
    await expect(form.getByRole("combobox", { name: d.form.reason })).toHaveCount(0);
    await form.getByText(d.form.outcomes.report.reject, { exact: true }).click();
    const reasons = form.getByRole("combobox", { name: d.form.reason });
    await expect(reasons).toHaveCount(1);
    const offered = await reasons.locator("option").allInnerTexts();
    expect(offered).toContain(d.reasons.evidence_insufficient);
    expect(offered).not.toContain(d.reasons.evidence_sufficient);
    // Sent without a reason: the server says so and keeps the choice.
    await form.getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("error-summary")).toContainText(d.errors.reason_required);
    await expect(
      page.getByTestId("decision-report").getByRole("radio", { name: d.form.outcomes.report.reject }),
    ).toBeChecked();
    await page
      .getByTestId("decision-report")
      .getByRole("combobox", { name: d.form.reason })
      .selectOption({ label: d.reasons.duplicate_report });
    await page.getByTestId("decision-report").getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("decided-notice")).toHaveText(d.case.decided.report_rejected);
    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row!.status).toBe("rejected");
    const [event] = await db
      .select()
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.toStatus, "rejected")));
    expect(event!.reasonCode).toBe("duplicate_report");
    await context.close();
  });
});
