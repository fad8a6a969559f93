/**
 * The filing journey in a browser, in Arabic and in English: sign in as the demo owner, find and confirm a
 * worker on one page, answer the absence page (with mistakes on the way), the evidence, check the answers,
 * change one and come back, make the declarations at the foot of the check page (one left unticked first),
 * pay through the local gateway and reach the confirmation: seven screens, counted from the URLs the browser
 * shows. The same journey without JavaScript counts its page loads: seven screens too (issue 12).
 *
 * Each run uses a worker of its own, added to the demo establishment's registry here, so the journey does not
 * depend on (or disturb) the seeded demo reports.
 */
import { randomBytes } from "node:crypto";
import { expect, request, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
import { AL_NOOR_CR, DEMO_ACCOUNTS } from "@/db/seed";
import { addDays, muscatDate } from "@/lib/time";
import ar from "@/messages/filing/ar.json";
import en from "@/messages/filing/en.json";
import { messages as all } from "@/messages";
import { signInAs } from "./helpers/session";

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

/**
 * The screens a journey shows: the path of every page the main frame arrives at (a full load, or the client
 * router's navigation after a server action's redirect), from `from` on. An error shown on the same page is not
 * a new screen; the query and the fragment do not make one either.
 */
function screensOf(page: Page) {
  const paths: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const path = new URL(frame.url()).pathname;
    if (paths.at(-1) !== path) paths.push(path);
  });
  return {
    paths,
    distinct: () => [...new Set(paths)],
  };
}

/** The seven screens, as paths: the report's id and the gateway's session are filled in from what was seen. */
function expectSevenScreens(distinct: string[], locale: string, id: string) {
  const r = `/${locale}/employer/reports`;
  expect(distinct).toHaveLength(7);
  expect(distinct).toEqual([
    `${r}/new`,
    `${r}/${id}/edit/absence`,
    `${r}/${id}/edit/evidence`,
    `${r}/${id}/edit/check`,
    `${r}/${id}/pay`,
    expect.stringMatching(new RegExp(`^/${locale}/dev/pay/local_cs_`)),
    `${r}/${id}/confirmation`,
  ]);
}

const dateBoxes = async (page: Page, iso: string, typed: (s: string) => string = (s) => s) => {
  const [y, mo, d] = iso.split("-");
  await page.locator("#lastDay").fill(typed(String(Number(d))));
  await page.locator("#lastDayMonth").fill(typed(String(Number(mo))));
  await page.locator("#lastDayYear").fill(typed(y!));
};

const uploadAll = async (page: Page) => {
  await page
    .locator("#bank_statement")
    .setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: PDF });
  await page
    .locator("#municipality_licence")
    .setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: PDF });
  await page
    .locator("#address_proof")
    .setInputFiles({ name: "tenancy.png", mimeType: "image/png", buffer: PNG });
};

const DECLARATION_IDS = [
  "#declDisputeBeforeAbsence",
  "#declWorkerLeftCountryKnown",
  "#declOnLegalLeave",
  "#declResignationAccepted",
];

for (const [locale, m] of [
  ["ar", ar.filing],
  ["en", en.filing],
] as const) {
  test(`files a report in seven screens, pays through the local gateway and asks to cancel it (${locale})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const tag = `${locale}${digits(5)}`;
    const worker = await addWorker(tag);
    await signIn(page, locale);

    // Screen 1: the worker, found and confirmed on one page. Arabic picks from the list by Arabic name;
    // English types the civil ID.
    const screens = screensOf(page);
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
      await expect(page).toHaveTitle(/^Error:/);
      await expect(page.locator("#civilId")).toHaveValue("12x");
      await page.locator("#civilId").fill(worker.civilId);
      await page.getByRole("button", { name: m.new.find }).click();
    }
    await page.waitForURL(`**/${locale}/employer/reports/new?worker=${worker.id}*`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.confirm.title);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByTestId("worker-card")).toContainText(worker.nameAr);
    await expect(page.getByTestId("worker-card")).toContainText(worker.nameEn);
    await expect(page.getByTestId("worker-card")).toContainText(worker.permitNumber);
    await page.getByRole("button", { name: m.confirm.start }).click();

    // Screen 2: the absence on one page. Every problem at once first, each linked to its field, all typed kept.
    await page.waitForURL("**/edit/absence");
    const id = page.url().split("/reports/")[1]!.split("/")[0]!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.absence.title);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    const save = page.getByRole("button", { name: m.saveAndContinue });
    const today = muscatDate();
    await dateBoxes(page, addDays(today, -2));
    await expect(page.locator("#workGovernorateCode")).toHaveValue("MA");
    await page.locator("#workAddress").fill("R");
    await save.click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText(m.errors.address_too_short);
    await expect(summary).toContainText(m.errors.contact_required);
    await expect(summary).toBeFocused();
    await expect(page).toHaveTitle(locale === "ar" ? /^خطأ:/ : /^Error:/);
    await expect(summary.locator('a[href="#workAddress"]')).toBeVisible();
    await expect(summary.locator('a[href="#contactAttempts"]')).toBeVisible();
    await expect(page.locator("#workAddress")).toHaveValue("R");
    await page.locator("#workAddress").fill("Ruwi, Muttrah, Muscat");
    await page
      .locator("#contactAttempts")
      .fill("Called on three days, visited the accommodation, asked colleagues.");
    await save.click();
    // Then the law's rule: too recent, with the first allowed date; the typed date kept, the other answers saved.
    await expect(summary).toContainText(m.errors.too_early.split("{")[0]!.trim());
    await expect(page.locator("#lastDay")).toHaveValue(addDays(today, -2).split("-")[2]!.replace(/^0/, ""));
    const [early] = await db.select().from(reports).where(eq(reports.id, id));
    expect(early).toMatchObject({ lastDayAtWork: null, workAddress: "Ruwi, Muttrah, Muscat" });
    // Arabic-Indic digits are accepted in the Arabic journey.
    await dateBoxes(page, addDays(today, -10), (s) => (locale === "ar" ? toArabicIndic(s) : s));
    await save.click();

    // Screen 3: evidence. A PNG named .pdf is refused; good files are kept.
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

    // Screen 4: check your answers, with the deposit; a Change link goes to the field and comes back here.
    await page.waitForURL("**/edit/check");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.check.title);
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await expect(page.getByTestId("deposit-amount")).toContainText(locale === "ar" ? "٨٥٫٠٠٠" : "85.000");
    await page.getByTestId("row-contact").getByRole("link").click();
    await page.waitForURL("**/edit/absence?return=check#contactAttempts");
    await page
      .locator("#contactAttempts")
      .fill("Called on three days and visited the accommodation in Ruwi.");
    await save.click();
    await page.waitForURL("**/edit/check");
    await expect(page.getByTestId("row-contact")).toContainText("accommodation in Ruwi");

    // A bookmark of a page that was merged away lands on the page (and field) that asks its question now.
    await page.goto(`/${locale}/employer/reports/${id}/edit/workplace?return=check`);
    await expect(page).toHaveURL(new RegExp(`/edit/absence\\?return=check#workGovernorateCode$`));
    await page.goto(`/${locale}/employer/reports/${id}/edit/declarations`);
    await expect(page).toHaveURL(new RegExp(`/${id}/edit/check#declarations$`));

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

    // The declarations, the statement at the foot of the page: one left unticked is an error on its box, with
    // the law's reason and what to do instead; the boxes ticked stay ticked.
    for (const box of DECLARATION_IDS.slice(0, 3)) await page.locator(box).check();
    const send = page.getByRole("button", { name: m.check.continue });
    await send.click();
    await expect(summary).toContainText(m.errors.confirm_resignation_accepted);
    await expect(summary).toBeFocused();
    await expect(summary.locator('a[href="#declResignationAccepted"]')).toBeVisible();
    await expect(page.getByTestId("declarations-stop")).toContainText(m.reasons.resignation_accepted);
    for (const box of DECLARATION_IDS.slice(0, 3)) await expect(page.locator(box)).toBeChecked();
    expect((await db.select().from(reports).where(eq(reports.id, id)))[0]!.status).toBe("draft");
    await page.locator("#declResignationAccepted").check();
    await send.click();

    // Screen 5: the deposit.
    await page.waitForURL(`**/${locale}/employer/reports/${id}/pay`);
    const [row] = await db.select().from(reports).where(eq(reports.id, id));
    expect(row).toMatchObject({
      status: "awaiting_payment",
      feeBaisa: 85_000,
      workerId: worker.id,
      lastDayAtWork: addDays(today, -10),
      declDisputeBeforeAbsence: false,
      declWorkerLeftCountryKnown: false,
      declOnLegalLeave: false,
      declResignationAccepted: false,
    });

    // Screen 6: the local test gateway; screen 7: the confirmation with the reference.
    await page.getByTestId("pay-button").click();
    await page.waitForURL(/\/dev\/pay\/local_cs_/);
    await page.getByTestId("gateway-approve").click();
    await page.waitForURL(`**/${locale}/employer/reports/${id}/confirmation`);
    await expect(page.getByRole("main")).toContainText(row!.reference);
    const [submitted] = await db.select().from(reports).where(eq(reports.id, id));
    expect(submitted!.status).toBe("submitted");
    expectSevenScreens(screens.distinct(), locale, id);

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

  test(`without JavaScript: from "new report" to the confirmation in seven screens, counted by page loads (${locale})`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(90_000);
    const worker = await addWorker(`nojs${locale}${digits(5)}`);
    const [user] = await db
      .select({ id: employerUsers.id })
      .from(employerUsers)
      .where(eq(employerUsers.email, owner.email));
    const context = await browser.newContext({ javaScriptEnabled: false });
    await signInAs(context, baseURL!, "employer", user!.id);
    const page = await context.newPage();
    // Every document the browser loads (a GET, or the page a form's POST answers with or redirects to).
    const loads: string[] = [];
    page.on("response", (res) => {
      if (res.request().resourceType() === "document" && res.request().frame() === page.mainFrame())
        if (res.status() < 300 || res.status() >= 400) loads.push(new URL(res.url()).pathname);
    });

    await page.goto(`/${locale}/employer/reports/new`);
    await page.locator("#civilId").fill(worker.civilId);
    await page.getByRole("button", { name: m.new.find }).click();
    await expect(page.getByTestId("worker-card")).toContainText(worker.nameEn);
    await page.getByRole("button", { name: m.confirm.start }).click();

    await page.waitForURL("**/edit/absence");
    const id = page.url().split("/reports/")[1]!.split("/")[0]!;
    // An error without JavaScript: the summary and the field's message come from the server, typed values kept.
    await dateBoxes(page, addDays(muscatDate(), -9));
    await page.getByRole("button", { name: m.saveAndContinue }).click();
    await expect(page.getByTestId("error-summary")).toContainText(m.errors.contact_required);
    await expect(page.locator("#lastDayYear")).toHaveValue(addDays(muscatDate(), -9).slice(0, 4));
    await page.locator("#contactAttempts").fill("Called twice and visited his room.");
    await page.getByRole("button", { name: m.saveAndContinue }).click();

    await page.waitForURL("**/edit/evidence");
    await uploadAll(page);
    await page.getByRole("button", { name: m.saveAndContinue }).click();

    await page.waitForURL("**/edit/check");
    for (const box of DECLARATION_IDS) await page.locator(box).check();
    await page.getByRole("button", { name: m.check.continue }).click();

    await page.waitForURL(`**/reports/${id}/pay`);
    await page.getByTestId("pay-button").click();
    await page.waitForURL(/\/dev\/pay\/local_cs_/);
    await page.getByTestId("gateway-approve").click();
    await page.waitForURL(`**/reports/${id}/confirmation`);
    await expect(page.getByTestId("reference")).toBeVisible();

    expectSevenScreens([...new Set(loads)], locale, id);
    await context.close();
  });
}
