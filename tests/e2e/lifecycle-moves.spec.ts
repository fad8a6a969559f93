/**
 * Issue 10 part A in a real browser, in Arabic and English: the employer discards a draft without JavaScript
 * (a link on the filing step, a confirmation page, one button); a reviewer records a worker's exit on the case
 * page and the report is closed; a supervisor lifts a suspension early with a reason.
 * Static imports only (see global-setup.ts).
 */
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { establishments, inspectionReferrals, reports, suspensions } from "@/db/schema";
import { formatDate } from "@/lib/i18n/format";
import adminDecisionsAr from "@/messages/admin-decisions/ar.json";
import adminDecisionsEn from "@/messages/admin-decisions/en.json";
import adminFinanceAr from "@/messages/admin-finance/ar.json";
import adminFinanceEn from "@/messages/admin-finance/en.json";
import trackingAr from "@/messages/tracking/ar.json";
import trackingEn from "@/messages/tracking/en.json";
import { muscatDate } from "@/lib/time";
import { createStaffUser } from "@/tests/helpers/accounts";
import { createEstablishment, createReport } from "@/tests/helpers/tracking-fixtures";
import { signInAs } from "./helpers/session";

const tracking = { ar: trackingAr.tracking, en: trackingEn.tracking } as const;
const exitText = {
  ar: adminDecisionsAr.adminDecisions.exit,
  en: adminDecisionsEn.adminDecisions.exit,
} as const;
const finance = { ar: adminFinanceAr.adminFinance, en: adminFinanceEn.adminFinance } as const;

const statusOf = async (id: string) =>
  (await db.select({ s: reports.status }).from(reports).where(eq(reports.id, id)))[0]!.s;

for (const locale of ["ar", "en"] as const) {
  test.describe(locale, () => {
    test(`${locale}: the employer discards a draft, without JavaScript, after confirming`, async ({
      browser,
      baseURL,
    }) => {
      const est = await createEstablishment("Discard");
      const draft = await createReport(est, { status: "draft" });
      const context = await browser.newContext({ javaScriptEnabled: false });
      await signInAs(context, baseURL!, "employer", est.owner.userId);
      const page = await context.newPage();
      await page.goto(`/${locale}/employer/reports/${draft.id}/edit/absence`);
      await page.getByTestId("discard-link").click();
      await expect(page).toHaveURL(new RegExp(`/${locale}/employer/reports/${draft.id}/discard$`));
      await expect(page.getByRole("heading", { level: 1 })).toContainText(draft.reference);
      await page.screenshot({ path: `test-results/discard-confirm-${locale}.png`, fullPage: true });
      expect(await statusOf(draft.id)).toBe("draft");
      await page.getByTestId("discard-confirm").click();
      await expect(page).toHaveURL(
        new RegExp(`/${locale}/employer/reports/${draft.id}\\?notice=report_discarded`),
      );
      await expect(page.getByText(tracking[locale].notices.report_discarded)).toBeVisible();
      expect(await statusOf(draft.id)).toBe("discarded");
      // Nothing is left to do on it: no way to continue or discard it again.
      await expect(page.getByRole("link", { name: tracking[locale].report.discard })).toHaveCount(0);
      await expect(page.getByRole("link", { name: tracking[locale].report.continue })).toHaveCount(0);
      await context.close();
    });

    test(`${locale}: a reviewer records that the worker left at their own expense, and the report is closed`, async ({
      browser,
      baseURL,
    }) => {
      const est = await createEstablishment("Exit");
      const report = await createReport(est, { status: "approved" });
      const reviewer = await createStaffUser({ role: "reviewer" });
      const context = await browser.newContext();
      await signInAs(context, baseURL!, "staff", reviewer.id);
      const page = await context.newPage();
      await page.goto(`/${locale}/admin/reports/${report.id}`);
      const form = page.getByTestId("exit-form");
      await form.getByLabel(exitText[locale].kinds.left_own_expense).check();
      await form.getByLabel(exitText[locale].date, { exact: true }).fill(muscatDate());
      await form.getByLabel(exitText[locale].note).fill("Departure record, Muscat airport");
      await page.screenshot({ path: `test-results/exit-form-${locale}.png`, fullPage: true });
      await form.getByRole("button", { name: exitText[locale].submit }).click();
      await expect(page.getByTestId("exit-notice")).toHaveText(exitText[locale].notices.closed);
      expect(await statusOf(report.id)).toBe("closed");
      await expect(page.getByTestId("worker-exit")).toContainText(exitText[locale].kinds.left_own_expense);
      // The worker is recorded as gone: no further exit is offered.
      await expect(page.getByTestId("exit-form")).toHaveCount(0);
      await context.close();
    });

    test(`${locale}: a supervisor lifts a suspension early, with a reason`, async ({ browser, baseURL }) => {
      const est = await createEstablishment("Lift");
      const [referral] = await db
        .insert(inspectionReferrals)
        .values({
          establishmentId: est.id,
          period: "year",
          periodKey: "2026",
          reportCount: 10,
          status: "non_compliant",
        })
        .returning();
      const [suspension] = await db
        .insert(suspensions)
        .values({
          establishmentId: est.id,
          referralId: referral!.id,
          startsAt: new Date(),
          endsAt: new Date(Date.now() + 300 * 86_400_000),
        })
        .returning();
      await db
        .update(establishments)
        .set({ servicesSuspendedUntil: suspension!.endsAt })
        .where(eq(establishments.id, est.id));
      // The employer's dashboard says it, with its end date and what it blocks.
      const employer = await browser.newContext();
      await signInAs(employer, baseURL!, "employer", est.owner.userId);
      const dashboard = await employer.newPage();
      await dashboard.goto(`/${locale}/employer`);
      const notice = dashboard.getByRole("alert").filter({ hasText: formatDate(suspension!.endsAt, locale) });
      await expect(notice).toBeVisible();
      await dashboard.screenshot({ path: `test-results/suspended-dashboard-${locale}.png` });
      await employer.close();

      const supervisor = await createStaffUser({ role: "supervisor" });
      const context = await browser.newContext();
      await signInAs(context, baseURL!, "staff", supervisor.id);
      const page = await context.newPage();
      await page.goto(`/${locale}/admin/inspections/${referral!.id}`);
      const t = finance[locale].inspections;
      await expect(page.getByTestId("suspension")).toContainText(t.suspension.title);
      await page.screenshot({ path: `test-results/suspension-${locale}.png`, fullPage: true });
      await page.getByRole("button", { name: t.suspension.submit }).click();
      // Without a reason: refused, on the field.
      await expect(page.getByText(finance[locale].errors.reason_required_lift).first()).toBeVisible();
      await page.getByLabel(t.suspension.reason).fill("Appeal upheld by the inspection department");
      await page.getByRole("button", { name: t.suspension.submit }).click();
      await expect(page.getByText(t.notices.lifted)).toBeVisible();
      await expect(page.getByTestId("suspension")).toHaveCount(0);
      const [after] = await db.select().from(suspensions).where(eq(suspensions.id, suspension!.id));
      expect(after!.status).toBe("lifted");
      await context.close();
    });
  });
}
