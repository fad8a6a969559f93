/**
 * The reviewer's journey: a reviewer signs in (password + TOTP), finds a submitted report in the queue by its
 * reference, approves it with a reason, and the worker then sees the grievance deadline on their report page.
 * The worker, the report and its establishment are made directly in the database (not the demo establishments,
 * whose report lists other journeys read); static imports only (see global-setup.ts).
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { reports, workers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { formatDate } from "@/lib/i18n/format";
import { messages } from "@/messages";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";
import { freshTotp } from "./helpers/totp";

async function signInReviewer(page: Page, locale: "ar" | "en") {
  const m = messages[locale];
  const account = DEMO_ACCOUNTS.staff.find((s) => s.role === "reviewer")!;
  await page.goto(`/${locale}/sign-in/staff`);
  await page.getByLabel(m.signIn.email).fill(account.email);
  await page.getByLabel(m.signIn.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: m.signIn.continue }).click();
  await page.getByLabel(m.signIn.code).fill(await freshTotp(account.totpSecret));
  await page.getByRole("button", { name: m.signIn.submit }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.admin.title);
}

async function signInWorker(page: Page, locale: "ar" | "en", civilId: string, mobile: string) {
  const m = messages[locale].workerSignIn;
  await page.goto(`/${locale}/sign-in/worker`);
  await page.getByLabel(m.civilId).fill(civilId);
  await page.getByRole("button", { name: m.sendCode }).click();
  await expect(page).toHaveURL(/step=code/);
  const outbox = await page.context().newPage();
  await outbox.goto(`/${locale}/dev/outbox`);
  const sms = outbox
    .locator(
      `[data-testid=outbox-message][data-recipient="${mobile}"][data-template="worker.sign-in-code-sms"]`,
    )
    .first();
  const code = /\b(\d{6})\b/.exec(await sms.innerText())?.[1];
  await outbox.close();
  if (!code) throw new Error("no code in the outbox");
  await page.getByLabel(m.code).fill(code);
  await page.getByRole("button", { name: m.signIn, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/worker$`));
}

// A TOTP code is accepted once: the reviewer signs in once, and both languages' journeys use that session.
let reviewer: BrowserContext;
test.beforeAll(async ({ browser }) => {
  reviewer = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signInReviewer(await reviewer.newPage(), "en");
});
test.afterAll(async () => {
  await reviewer?.close();
});

for (const locale of ["en", "ar"] as const) {
  test(`a reviewer approves a report and the worker sees the grievance deadline (${locale})`, async ({
    browser,
  }) => {
    const est = await createEstablishment("Decisions E2E");
    const worker = await createWorker(est.id);
    const report = await createReport(est, { workerId: worker.id, status: "submitted" });
    const d = messages[locale].adminDecisions;

    const page = await reviewer.newPage();
    await page.goto(`/${locale}/admin`);
    await page.getByTestId("decision-queues").getByRole("link", { name: d.home.reports }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(d.queue.titles.reports);
    await page.getByText(d.queue.filters).click();
    await page.getByLabel(d.queue.q).fill(report.reference);
    await page.getByRole("button", { name: d.queue.apply }).click();
    await page.getByTestId("queue").getByRole("link", { name: report.reference }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(report.reference);

    // Sent without a reason: the form says what to fix and keeps the choice.
    const form = page.getByTestId("decision-report");
    await form.getByLabel(d.form.outcomes.report.approve).check();
    await form.getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("error-summary")).toContainText(d.errors.reason_required);
    // Only the chosen outcome's list of reasons is shown (issue 10): one visible "Reason".
    await form
      .getByRole("combobox", { name: d.form.reason })
      .selectOption({ label: d.reasons.evidence_sufficient });
    await form
      .getByLabel(d.form.note, { exact: false })
      .fill("Bank statement shows no salary since the absence.");
    await form.getByRole("button", { name: d.form.submit }).click();
    await expect(page.getByTestId("decided-notice")).toHaveText(d.case.decided.report_approved);
    await expect(page.getByTestId("permit-status")).toHaveText(d.case.permitStatus.left_workplace);

    const [row] = await db.select().from(reports).where(eq(reports.id, report.id));
    expect(row!.status).toBe("approved");
    const [w] = await db.select().from(workers).where(eq(workers.id, worker.id));
    expect(w!.permitStatus).toBe("left_workplace");

    // The worker, in a browser of their own.
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    const workerPage = await context.newPage();
    const [registry] = await db.select().from(workers).where(eq(workers.id, worker.id));
    await signInWorker(workerPage, locale, worker.civilId, registry!.mobile);
    await workerPage
      .getByTestId("worker-report")
      .filter({ hasText: report.reference })
      .getByRole("link")
      .click();
    await expect(workerPage.getByTestId("grievance-deadline")).toHaveText(
      formatDate(row!.grievanceDeadline!, locale),
    );
    await context.close();
  });
}
