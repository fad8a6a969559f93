/**
 * Finance and the fee table in the browser: finance executes a refund through the local test gateway and the
 * employer then sees it refunded; a supervisor adds a fee for a nationality made up for this test (KE has no
 * demo workers) and finds it listed, and the fee lookup used when reports are priced returns it.
 * Each test creates its own rows in the database.
 */
import { expect, test, type Page } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { db, ensureDatabase } from "@/db";
import { deposits, establishments, refundRequests, reports, workers } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed";
import { feeInForce } from "@/lib/admin/fees";
import { localPaymentId } from "@/lib/payments/local";
import { formatReference } from "@/lib/reports/reference";
import coreAr from "@/messages/core/ar.json";
import coreEn from "@/messages/core/en.json";
import financeAr from "@/messages/admin-finance/ar.json";
import financeEn from "@/messages/admin-finance/en.json";
import trackingAr from "@/messages/tracking/ar.json";
import trackingEn from "@/messages/tracking/en.json";
import { createEmployerUser, TEST_PASSWORD } from "@/tests/helpers/accounts";
import { freshTotp } from "./helpers/totp";

// No afterAll that ends the connection: spec files share one worker process and one client.

const m = {
  ar: { ...coreAr, ...financeAr, ...trackingAr },
  en: { ...coreEn, ...financeEn, ...trackingEn },
};
type Locale = keyof typeof m;
const staffAccount = (role: "finance" | "supervisor") => DEMO_ACCOUNTS.staff.find((a) => a.role === role)!;

/**
 * A cancelled report of an establishment made for this test (the demo establishments' lists stay as the other
 * journeys expect them), its deposit paid through the local gateway, and a refund request.
 */
async function reportWithRefundRequest() {
  await ensureDatabase();
  const user = await createEmployerUser();
  const [est] = await db.select().from(establishments).where(eq(establishments.id, user.establishmentId));
  const n = String(Date.now() % 1e8).padStart(8, "0");
  const [worker] = await db
    .insert(workers)
    .values({
      civilId: `6${n}`,
      passportNumber: `RF${n}`,
      nameAr: "سانجاي كومار",
      nameEn: "Sanjay Kumar",
      nationality: "IN",
      dateOfBirth: "1991-03-02",
      mobile: `+96896${n.slice(2)}`,
      establishmentId: est!.id,
      occupation: "Driver",
      permitNumber: `WP${n}`,
      enteredOmanOn: "2021-06-01",
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
      status: "cancelled",
      lastDayAtWork: "2026-10-20",
      workGovernorateCode: "MA",
      workAddress: "Depot 2, Rusayl",
      contactAttempts: "Called him",
      declDisputeBeforeAbsence: false,
      declWorkerLeftCountryKnown: false,
      declOnLegalLeave: false,
      declResignationAccepted: false,
      feeBaisa: 145_500,
      submittedAt: new Date(Date.now() - 5 * 86_400_000),
      decidedAt: new Date(Date.now() - 86_400_000),
    })
    .returning();
  const [deposit] = await db
    .insert(deposits)
    .values({
      reportId: report!.id,
      amountBaisa: 145_500,
      status: "paid",
      provider: "local",
      paidAt: new Date(Date.now() - 5 * 86_400_000),
    })
    .returning();
  await db
    .update(deposits)
    .set({ providerPaymentId: localPaymentId(deposit!.id) })
    .where(eq(deposits.id, deposit!.id));
  const [request] = await db
    .insert(refundRequests)
    .values({
      reportId: report!.id,
      depositId: deposit!.id,
      ground: "cancellation_approved",
      amountBaisa: 145_500,
      requestedBy: user!.id,
    })
    .returning();
  return {
    report: report!,
    deposit: deposit!,
    request: request!,
    owner: { email: user.email, password: TEST_PASSWORD },
  };
}

async function signInStaff(page: Page, locale: Locale, role: "finance" | "supervisor") {
  const account = staffAccount(role);
  await page.goto(`/${locale}/sign-in/staff`);
  await page.getByLabel(m[locale].signIn.email).fill(account.email);
  await page.getByLabel(m[locale].signIn.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: m[locale].signIn.continue }).click();
  const code = page.getByLabel(m[locale].signIn.code);
  await expect(code).toBeVisible();
  await code.fill(await freshTotp(account.totpSecret));
  await page.getByRole("button", { name: m[locale].signIn.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

for (const locale of ["en", "ar"] as const) {
  test(`finance executes a refund through the local gateway and the employer sees it refunded (${locale})`, async ({
    page,
    browser,
  }) => {
    const t = m[locale];
    const { report, request, deposit, owner } = await reportWithRefundRequest();
    await signInStaff(page, locale, "finance");
    await page.getByRole("link", { name: t.adminFinance.home.refundsLink }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.adminFinance.refunds.title);
    await page.locator(`[data-refund="${request.id}"]`).getByRole("link", { name: report.reference }).click();
    await expect(page).toHaveURL(new RegExp(`/${locale}/admin/refunds/${request.id}$`));
    await expect(page.getByTestId("refund-status")).toHaveText(t.adminFinance.status.submitted);

    // Nothing chosen: the form says what to fix.
    await page.getByRole("button", { name: t.adminFinance.request.submit }).click();
    await expect(page.getByText(t.adminFinance.errors.decision_required).first()).toBeVisible();

    await page.getByLabel(new RegExp(t.adminFinance.request.approve.split("{")[0]!.trim())).check();
    await page.getByLabel(t.adminFinance.reasons.ground_verified).check();
    await page.getByRole("button", { name: t.adminFinance.request.submit }).click();
    await expect(page.getByTestId("decision-notice")).toHaveText(
      t.adminFinance.request.notices.approved_refunded,
    );
    await page.reload();
    await expect(page.getByTestId("refund-status")).toHaveText(t.adminFinance.status.refunded);
    await expect(page.getByTestId("deposit-status")).toHaveText(t.adminFinance.depositStatus.refunded);
    const [after] = await db.select().from(deposits).where(eq(deposits.id, deposit.id));
    expect(after).toMatchObject({ status: "refunded", refundedBaisa: 145_500 });

    // The employer, in another browser context, sees the refund on the report's page.
    const employer = await browser.newContext();
    const ep = await employer.newPage();
    await ep.goto(`/${locale}/sign-in/employer`);
    await ep.getByLabel(t.signIn.email).fill(owner.email);
    await ep.getByLabel(t.signIn.password, { exact: true }).fill(owner.password);
    await ep.getByRole("button", { name: t.signIn.submit }).click();
    await ep.waitForURL(new RegExp(`/${locale}/employer`));
    await ep.goto(`/${locale}/employer/reports/${report.id}`);
    await expect(
      ep.getByText(t.tracking.report.refundStatus.refunded, { exact: true }).first(),
    ).toBeVisible();
    await employer.close();
  });
}

test("a supervisor adds a fee for a nationality and finds it listed; reports priced from then use it", async ({
  page,
}) => {
  await ensureDatabase();
  const t = m.en;
  const amount = `${100 + (Date.now() % 800)}.250`;
  await signInStaff(page, "en", "supervisor");
  await page.getByRole("link", { name: t.adminFinance.home.feesLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.adminFinance.fees.title);
  await page.getByLabel(t.adminFinance.fees.nationalityLabel).fill("ke");
  await page.getByLabel(t.adminFinance.fees.amountLabel).fill("12.345");
  await page.getByRole("button", { name: t.adminFinance.fees.submit }).click();
  await expect(page.getByText(t.adminFinance.errors.amount_multiple_of_10).first()).toBeVisible();
  await expect(page.getByLabel(t.adminFinance.fees.nationalityLabel)).toHaveValue("ke");
  await page.getByLabel(t.adminFinance.fees.amountLabel).fill(amount);
  await page.getByRole("button", { name: t.adminFinance.fees.submit }).click();
  await expect(page.getByText(t.adminFinance.fees.added.replace("{nationality}", "KE"))).toBeVisible();
  const section = page.locator('[data-nationality="KE"]');
  await expect(section.locator('tr[data-state="current"]').first()).toContainText(
    `OMR ${amount}`.replace("OMR ", ""),
  );
  expect(await feeInForce("KE", new Date(Date.now() + 1000))).toBe(Math.round(Number(amount) * 1000));
});
