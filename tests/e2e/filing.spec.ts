/**
 * The filing journey in a browser, in Arabic and in English: sign in as the demo owner, choose a worker, answer
 * every step (with a mistake on the way), check the answers, change one and come back, and continue to
 * payment. The report must then be awaiting payment in the database, with the fee of the worker's nationality.
 *
 * Each run uses a worker of its own, added to the demo establishment's registry here, so the journey does not
 * depend on (or disturb) the seeded demo reports.
 */
import { randomBytes } from "node:crypto";
import { expect, request, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { establishments, reports, workers } from "@/db/schema";
import { AL_NOOR_CR, DEMO_ACCOUNTS } from "@/db/seed";
import { addDays, muscatDate } from "@/lib/time";
import ar from "@/messages/filing/ar.json";
import en from "@/messages/filing/en.json";
import { messages as all } from "@/messages";

const owner = DEMO_ACCOUNTS.employer.find((a) => a.crNumber === AL_NOOR_CR && a.role === "owner")!;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b0f2d80000000049454e44ae426082",
  "hex",
);

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("");
const toArabicIndic = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

async function addWorker(tag: string) {
  const [est] = await db
    .select({ id: establishments.id })
    .from(establishments)
    .where(eq(establishments.crNumber, AL_NOOR_CR));
  const [w] = await db
    .insert(workers)
    .values({
      civilId: `9${digits(8)}`,
      passportNumber: `E2E${digits(6)}`,
      nameAr: `أنور اختبار ${tag}`,
      nameEn: `Anwar Test ${tag}`,
      nationality: "IN",
      dateOfBirth: "1991-04-02",
      mobile: "+96890000000",
      establishmentId: est!.id,
      occupation: "Carpenter",
      permitNumber: `WPE${digits(9)}`,
      permitStatus: "active",
      enteredOmanOn: "2021-02-01",
    })
    .returning();
  return w!;
}

async function signIn(page: Page, locale: string) {
  await page.goto(`/${locale}/sign-in/employer`);
  await page.locator("#email").fill(owner.email);
  await page.locator("#password").fill(owner.password);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(`**/${locale}/employer`);
}

// No afterAll that ends the connection: spec files share one worker process and one client.

for (const [locale, m] of [
  ["ar", ar.filing],
  ["en", en.filing],
] as const) {
  test(`files a report, pays through the local gateway and asks to cancel it (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const tag = `${locale}${digits(5)}`;
    const worker = await addWorker(tag);
    await signIn(page, locale);

    // Step 1: the worker. Arabic picks from the list by Arabic name; English types the civil ID.
    await page.goto(`/${locale}/employer/reports/new`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.new.title);
    if (locale === "ar") {
      await page.locator("#q").fill(`اختبار ${tag}`);
      await page.getByRole("button", { name: m.new.search, exact: true }).click();
      const list = page.getByTestId("worker-list");
      await expect(list.locator("li")).toHaveCount(1);
      await list.getByRole("link", { name: new RegExp(m.new.choose) }).click();
    } else {
      await page.locator("#civilId").fill("12x");
      await page.getByRole("button", { name: m.new.find }).click();
      await expect(page.getByTestId("error-summary")).toContainText(m.errors.civil_id_format);
      await expect(page.locator("#civilId")).toHaveValue("12x");
      await page.locator("#civilId").fill(worker.civilId);
      await page.getByRole("button", { name: m.new.find }).click();
    }
    await page.waitForURL("**/new/confirm?worker=*");
    await expect(page.getByTestId("worker-card")).toContainText(worker.nameAr);
    await expect(page.getByTestId("worker-card")).toContainText(worker.nameEn);
    await expect(page.getByTestId("worker-card")).toContainText(worker.permitNumber);
    await page.getByRole("button", { name: m.confirm.start }).click();

    // Step 2: the last day at work. Too recent first: refused with the first allowed date, the typed date kept.
    await page.waitForURL("**/edit/last-day");
    const id = page.url().split("/reports/")[1]!.split("/")[0]!;
    const save = page.getByRole("button", { name: m.saveAndContinue });
    const today = muscatDate();
    const [ty, tm, td] = addDays(today, -2).split("-");
    await page.locator("#lastDay").fill(td!);
    await page.locator("#lastDayMonth").fill(tm!);
    await page.locator("#lastDayYear").fill(ty!);
    await save.click();
    await expect(page.getByTestId("error-summary")).toBeVisible();
    await expect(page.locator("#lastDay")).toHaveValue(td!);
    const [y, mo, d] = addDays(today, -10).split("-");
    // Arabic-Indic digits are accepted in the Arabic journey.
    const typed = (s: string) => (locale === "ar" ? toArabicIndic(s) : s);
    await page.locator("#lastDay").fill(typed(d!));
    await page.locator("#lastDayMonth").fill(typed(mo!));
    await page.locator("#lastDayYear").fill(typed(y!));
    await save.click();

    // Step 2b: where. The establishment's governorate and address are offered.
    await page.waitForURL("**/edit/workplace");
    await expect(page.locator("#workGovernorateCode")).toHaveValue("MA");
    await page.locator("#workAddress").fill("Ruwi, Muttrah, Muscat");
    await save.click();

    // Step 2c: what was done to reach the worker.
    await page.waitForURL("**/edit/contact");
    await page
      .locator("#contactAttempts")
      .fill("Called on three days, visited the accommodation, asked colleagues.");
    await save.click();

    // Step 3: declarations. A "yes" stops the journey and says why; then all "no".
    await page.waitForURL("**/edit/declarations");
    await page.locator("#declDisputeBeforeAbsence-no").check();
    await page.locator("#declWorkerLeftCountryKnown-no").check();
    await page.locator("#declOnLegalLeave-no").check();
    await page.locator("#declResignationAccepted").check();
    await save.click();
    await expect(page.getByTestId("declarations-stop")).toContainText(m.reasons.resignation_accepted);
    await page.locator("#declResignationAccepted-no").check();
    await save.click();

    // Step 4: evidence. A PNG named .pdf is refused; good files are kept.
    await page.waitForURL("**/edit/evidence");
    await page
      .locator("#bank_statement")
      .setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: PNG });
    await page
      .locator("#municipality_licence")
      .setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: PDF });
    await page
      .locator("#address_proof")
      .setInputFiles({ name: "tenancy.png", mimeType: "image/png", buffer: PNG });
    await save.click();
    await expect(page.getByTestId("error-summary")).toContainText(m.errors.upload_type_mismatch);
    await expect(page.getByTestId("uploaded-municipality_licence")).toContainText("licence.pdf");
    await expect(page.getByTestId("uploaded-address_proof")).toContainText("tenancy.png");
    await page
      .locator("#bank_statement")
      .setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: PDF });
    await save.click();

    // Step 5: check your answers, with the deposit; a Change link comes back here.
    await page.waitForURL("**/edit/check");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.check.title);
    await expect(page.getByTestId("deposit-amount")).toContainText(locale === "ar" ? "٨٥٫٠٠٠" : "85.000");
    await page.getByTestId("row-contact").getByRole("link").click();
    await page.waitForURL("**/edit/contact?return=check");
    await page
      .locator("#contactAttempts")
      .fill("Called on three days and visited the accommodation in Ruwi.");
    await save.click();
    await page.waitForURL("**/edit/check");
    await expect(page.getByTestId("row-contact")).toContainText("accommodation in Ruwi");

    // The documents open through the download route, for this employer only.
    const href = await page
      .getByTestId("row-address_proof")
      .locator("a[href^='/api/evidence/']")
      .getAttribute("href");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("image/png");
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");
    const anonymous = await request.newContext({ baseURL: new URL(page.url()).origin });
    expect((await anonymous.get(href!)).status()).toBe(404);
    await anonymous.dispose();

    await page.getByRole("button", { name: m.check.continue }).click();
    await page.waitForURL(`**/${locale}/employer/reports/${id}/pay`);
    const [row] = await db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({
      status: "awaiting_payment",
      feeBaisa: 85_000,
      workerId: worker.id,
      lastDayAtWork: addDays(today, -10),
    });

    // Step 6: pay the deposit through the local test gateway; step 7: the confirmation with the reference.
    await page.getByTestId("pay-button").click();
    await page.waitForURL(/\/dev\/pay\/local_cs_/);
    await page.getByTestId("gateway-approve").click();
    await page.waitForURL(`**/${locale}/employer/reports/${id}/confirmation`);
    await expect(page.getByRole("main")).toContainText(row!.reference);
    const [submitted] = await db.select().from(reports).where(eq(reports.id, id));
    expect(submitted!.status).toBe("submitted");

    // The dashboard lists it as submitted; from there, ask to cancel it.
    const t = all[locale].tracking;
    await page.goto(`/${locale}/employer?q=${encodeURIComponent(row!.reference)}`);
    const link = page.getByTestId("report-table").getByRole("link", { name: row!.reference, exact: true });
    await expect(link).toBeVisible();
    await expect(page.getByTestId("report-table").locator("[data-status]").first()).toHaveAttribute(
      "data-status",
      "submitted",
    );
    await link.click();
    await page
      .getByTestId("report-actions")
      .getByRole("link", { name: t.report.requestCancellation })
      .click();
    await page.getByLabel(t.cancel.reasons.filed_by_mistake).check();
    await page
      .getByLabel(t.cancel.explanation)
      .fill(locale === "ar" ? "سُجّل البلاغ للعامل الخطأ." : "The report was filed for the wrong worker.");
    await page.getByRole("button", { name: t.cancel.submit }).click();
    await expect(page).toHaveURL(/notice=cancellation_requested/);
    await expect(page.getByTestId("cancellation-requests")).toContainText(t.report.requestStatus.submitted);
  });
}
