/**
 * Paying the deposit through the local test gateway (no STRIPE_SECRET_KEY), as the demo owner. The filing
 * journey's pages are not needed: each test creates a report that awaits payment directly in the database,
 * for a fresh worker of the demo establishment.
 */
import { expect, test, type Page } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { db, ensureDatabase } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
import { AL_NOOR_CR, DEMO_ACCOUNTS } from "@/db/seed";
import { formatReference } from "@/lib/reports/reference";

const owner = DEMO_ACCOUNTS.employer.find((a) => a.crNumber === AL_NOOR_CR && a.role === "owner")!;

async function awaitingPaymentReport() {
  await ensureDatabase();
  const [est] = await db.select().from(establishments).where(eq(establishments.crNumber, AL_NOOR_CR));
  const [user] = await db
    .select()
    .from(employerUsers)
    .where(sql`lower(${employerUsers.email}) = ${owner.email.toLowerCase()}`);
  const n = String(Date.now() % 1e8).padStart(8, "0");
  const [worker] = await db
    .insert(workers)
    .values({
      civilId: `7${n}`,
      passportNumber: `E2E${n}`,
      nameAr: "أنيل شارما",
      nameEn: "Anil Sharma",
      nationality: "IN",
      dateOfBirth: "1992-05-14",
      mobile: `+96897${n.slice(2)}`,
      email: `anil.${n}@example.com`,
      establishmentId: est!.id,
      occupation: "Steel fixer",
      permitNumber: `WP${n}`,
      enteredOmanOn: "2022-03-01",
    })
    .returning();
  const [{ seq }] = (await db.execute(
    sql`select nextval('report_reference_seq')::int as seq`,
  )) as unknown as [{ seq: number }];
  const [report] = await db
    .insert(reports)
    .values({
      reference: formatReference(new Date().getFullYear(), seq),
      establishmentId: est!.id,
      workerId: worker!.id,
      createdBy: user!.id,
      status: "awaiting_payment",
      lastDayAtWork: "2026-11-01",
      workGovernorateCode: "MA",
      workAddress: "Site 7, Ghala",
      contactAttempts: "Called and visited his accommodation",
      declDisputeBeforeAbsence: false,
      declWorkerLeftCountryKnown: false,
      declOnLegalLeave: false,
      declResignationAccepted: false,
      feeBaisa: 145_500,
    })
    .returning();
  return { report: report!, worker: worker! };
}

async function signIn(page: Page, locale: "ar" | "en") {
  await page.goto(`/${locale}/sign-in/employer`);
  await page.locator("#email").fill(owner.email);
  await page.locator("#password").fill(owner.password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL(new RegExp(`/${locale}/employer`));
}

// No afterAll that ends the connection: spec files share one worker process and one client.

test("pays through the local gateway, sees the confirmation, and the worker's SMS is in the outbox (en)", async ({
  page,
}) => {
  const { report, worker } = await awaitingPaymentReport();
  await signIn(page, "en");
  await page.goto(`/en/employer/reports/${report.id}/pay`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pay the ticket deposit");
  await expect(page.getByTestId("deposit-amount")).toHaveText(/OMR\s*145\.500/);
  // Before any payment has started, the answers can still be changed (the report goes back to draft).
  await expect(page.getByRole("button", { name: "Change your answers" })).toBeVisible();
  await page.getByTestId("pay-button").click();

  await page.waitForURL(/\/en\/dev\/pay\/local_cs_/);
  await expect(page.getByTestId("test-payment-banner")).toContainText("TEST PAYMENT");
  await expect(page.getByText(report.reference)).toBeVisible();
  await page.getByTestId("gateway-approve").click();

  await page.waitForURL(`**/en/employer/reports/${report.id}/confirmation`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Report submitted");
  await expect(page.getByTestId("reference")).toHaveText(report.reference);
  await expect(page.getByTestId("amount-paid")).toHaveText(/OMR\s*145\.500/);
  await expect(page.getByRole("button", { name: "Print or save this receipt" })).toBeVisible();

  // Back to the pay page: nothing left to pay, it shows the confirmation.
  await page.goto(`/en/employer/reports/${report.id}/pay`);
  await page.waitForURL(`**/en/employer/reports/${report.id}/confirmation`);

  await page.goto("/en/dev/outbox");
  const sms = page.locator(`[data-testid=outbox-message][data-recipient="${worker.mobile}"]`);
  await expect(sms).toHaveCount(1);
  await expect(sms).toHaveAttribute("data-template", "worker.report-filed.sms");
  await expect(sms).toContainText(report.reference);
  await expect(sms).toContainText("/en/sign-in/worker");
  await expect(page.locator(`[data-testid=outbox-message][data-recipient="${worker.email}"]`)).toHaveCount(1);
});

test("a declined payment can be tried again, then succeeds (ar)", async ({ page }) => {
  const { report, worker } = await awaitingPaymentReport();
  await signIn(page, "ar");
  await page.goto(`/ar/employer/reports/${report.id}/pay`);
  await expect(page.getByTestId("deposit-amount")).toHaveText(/١٤٥٫٥٠٠\s*ر\.ع\./);
  await page.getByTestId("pay-button").click();
  await page.waitForURL(/\/ar\/dev\/pay\/local_cs_/);
  const firstSession = page.url();
  await page.getByTestId("gateway-decline").click();

  await page.waitForURL(`**/ar/employer/reports/${report.id}/confirmation`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("لم تتم عملية الدفع");
  await page.getByTestId("try-again").click();
  await page.waitForURL(`**/ar/employer/reports/${report.id}/pay`);
  await expect(page.getByText("لم تتم عملية الدفع الأخيرة")).toBeVisible();

  await page.getByTestId("pay-button").click();
  await page.waitForURL(/\/ar\/dev\/pay\/local_cs_/);
  expect(page.url()).not.toBe(firstSession);
  await page.getByTestId("gateway-approve").click();
  await page.waitForURL(`**/ar/employer/reports/${report.id}/confirmation`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تم تقديم البلاغ");
  await expect(page.getByTestId("reference")).toHaveText(report.reference);

  await page.goto("/ar/dev/outbox");
  await expect(page.locator(`[data-testid=outbox-message][data-recipient="${worker.mobile}"]`)).toHaveCount(
    1,
  );
});
