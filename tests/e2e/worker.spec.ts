/**
 * The worker's journey, in Arabic and in English: sign in with a civil ID and the code read from the outbox,
 * find the report a demo employer filed, and file a grievance. Each test makes its own worker and submitted
 * report directly in the database, so the tests stay independent of each other and of other journeys.
 * Static imports only (see global-setup.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { evidenceFiles, grievances } from "@/db/schema";
import { messages } from "@/messages";
import { createReport, createWorker } from "../helpers/worker-fixtures";

// No afterAll that ends the connection: spec files share one worker process and one client (see
// tests/e2e/global-setup.ts); Playwright ends the worker, and its connections with it, after the last test.

async function readCode(page: Page, locale: string, mobile: string): Promise<string> {
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
  return code;
}

async function signIn(
  page: Page,
  locale: "ar" | "en",
  civilId: string,
  mobile: string,
  opts: { resend?: boolean } = {},
) {
  const m = messages[locale].workerSignIn;
  await page.goto(`/${locale}/sign-in/worker`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.title);
  await page.getByLabel(m.civilId).fill(civilId);
  await page.getByRole("button", { name: m.sendCode }).click();
  await expect(page).toHaveURL(/step=code/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.codeTitle);
  // A wrong code first: the page says what to do, in the page's language.
  await page.getByLabel(m.code).fill("000000");
  await page.getByRole("button", { name: m.signIn, exact: true }).click();
  await expect(page.getByTestId("error-summary")).toContainText(messages[locale].workerErrors.code_invalid);
  if (opts.resend) {
    // "Send a new code": only the newest code works, and the outbox lists it first.
    const first = await readCode(page, locale, mobile);
    await page.getByRole("button", { name: m.resend }).click();
    await expect(page).toHaveURL(/step=code&sent=1/);
    const second = await readCode(page, locale, mobile);
    if (first !== second) {
      await page.getByLabel(m.code).fill(first);
      await page.getByRole("button", { name: m.signIn, exact: true }).click();
      await expect(page.getByTestId("error-summary")).toContainText(
        messages[locale].workerErrors.code_invalid,
      );
    }
  }
  await page.getByLabel(m.code).fill(await readCode(page, locale, mobile));
  await page.getByRole("button", { name: m.signIn, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/worker$`));
}

for (const locale of ["ar", "en"] as const) {
  test(`a worker signs in with a code, finds the report and files a grievance (${locale})`, async ({
    page,
  }) => {
    const worker = await createWorker(db);
    const report = await createReport(db, { workerId: worker.id, status: "submitted" });
    const w = messages[locale].worker;

    await signIn(page, locale, worker.civilId, worker.mobile, { resend: true });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(w.title);
    const card = page.getByTestId("worker-report").filter({ hasText: report.reference });
    await expect(card).toContainText(w.statuses.submitted);
    await expect(card).toContainText(w.deadlineAfterApproval);

    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(report.reference);
    await expect(page.getByTestId("grievance-deadline")).toHaveText(w.deadlineAfterApproval);
    await expect(page.getByRole("heading", { name: w.claimsTitle })).toBeVisible();

    await page.getByRole("link", { name: w.objectButton }).click();
    // Sending it empty: the error summary lists what to fix.
    await page.getByLabel(w.contactPhone).fill("");
    await page.getByRole("button", { name: w.submit }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText(messages[locale].workerErrors.grounds_required);
    await expect(summary).toContainText(messages[locale].workerErrors.statement_required);
    await expect(summary).toContainText(messages[locale].workerErrors.phone_required);

    await page.getByLabel(w.groundNames.salary_unpaid).check();
    await page
      .getByLabel(w.statement)
      .fill("My salary for September and October was not paid, so I stopped on 1 November.");
    await page.getByLabel(w.contactPhone).fill("9123 4567");
    await page.getByLabel(w.attachments).setInputFiles({
      name: "payslip.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\nnot paid\n%%EOF"),
    });
    await page.getByRole("button", { name: w.submit }).click();

    await expect(page).toHaveURL(/grievance=filed/);
    await expect(page.getByText(w.grievanceFiled)).toBeVisible();
    await expect(page.getByTestId("grievance-status")).toHaveText(w.grievanceStatuses.submitted);
    // Coming back later: the grievance's status, and no second grievance while this one is open.
    await page.goto(`/${locale}/worker/reports/${report.id}`);
    await expect(page.getByTestId("grievance-status")).toHaveText(w.grievanceStatuses.submitted);
    await expect(page.getByText(w.alreadyOpen)).toBeVisible();
    await expect(page.getByRole("link", { name: w.objectButton })).toHaveCount(0);

    const [g] = await db.select().from(grievances).where(eq(grievances.reportId, report.id));
    expect(g).toMatchObject({
      workerId: worker.id,
      grounds: "salary_unpaid",
      contactPhone: "+96891234567",
      status: "submitted",
    });
    const files = await db
      .select()
      .from(evidenceFiles)
      .where(and(eq(evidenceFiles.grievanceId, g!.id), eq(evidenceFiles.kind, "grievance_attachment")));
    expect(files.map((f) => f.originalName)).toEqual(["payslip.pdf"]);
  });
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the whole journey still works: plain forms and server-rendered pages", async ({ page }) => {
    const locale = "en";
    const worker = await createWorker(db);
    const report = await createReport(db, {
      workerId: worker.id,
      status: "approved",
      approvedAt: new Date(),
      grievanceDeadline: null,
    });
    const w = messages[locale].worker;

    await signIn(page, locale, worker.civilId, worker.mobile);
    await page.getByTestId("worker-report").filter({ hasText: report.reference }).getByRole("link").click();
    await expect(page.getByTestId("grievance-deadline")).not.toHaveText(w.deadlineAfterApproval);

    await page.getByRole("link", { name: w.objectButton }).click();
    await page.getByLabel(w.statement).fill("short");
    await page.getByRole("button", { name: w.submit }).click();
    // The server renders the errors and keeps what was typed.
    await expect(page.getByTestId("error-summary")).toContainText(
      messages[locale].workerErrors.statement_too_short,
    );
    await expect(page.getByLabel(w.statement)).toHaveValue("short");

    await page.getByLabel(w.groundNames.at_work).check();
    await page.getByLabel(w.statement).fill("I was at work every day; the attendance sheet shows it.");
    await page.getByRole("button", { name: w.submit }).click();
    await expect(page).toHaveURL(/grievance=filed/);
    await expect(page.getByTestId("grievance-status")).toHaveText(w.grievanceStatuses.submitted);
  });
});
