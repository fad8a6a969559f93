import { expect, test, type Page } from "@playwright/test";
import trackingAr from "@/messages/tracking/ar.json";
import trackingEn from "@/messages/tracking/en.json";
import { DEMO_ACCOUNTS } from "@/db/seed/data";

/**
 * The employer's tracking journey on the seeded demo data, in Arabic and in English: sign in as the Al Noor
 * owner, find reports by status and by search, open a submitted report, ask to cancel it, see the request on
 * the report page, then withdraw it (so the journey can run again on the same database).
 */
const SUBMITTED_REF = "WA-2026-000144"; // seed: alnoor-submitted, worker Ravi Singh / رافي سينغ
const CANCELLED_REF = "WA-2026-000190"; // seed: alnoor-cancelled-by-request
const OLD_APPROVED_REF = "WA-2021-000175"; // seed: alnoor-approved-2021 (refund offered)
const SOHAR_REF = "WA-2026-000334"; // another establishment's report

const owner = DEMO_ACCOUNTS.employer.find((a) => a.email === "owner@alnoor.example.om")!;
const hr = DEMO_ACCOUNTS.employer.find((a) => a.email === "hr@alnoor.example.om")!;

const text = { ar: trackingAr, en: trackingEn } as const;
const signInLabels = {
  ar: { email: "البريد الإلكتروني", password: "كلمة المرور", submit: "تسجيل الدخول" },
  en: { email: "E-mail address", password: "Password", submit: "Sign in" },
} as const;

async function signIn(page: Page, locale: "ar" | "en", account: { email: string; password: string }) {
  await page.goto(`/${locale}/sign-in/employer`);
  const l = signInLabels[locale];
  await page.getByLabel(l.email).fill(account.email);
  await page.getByLabel(l.password, { exact: true }).fill(account.password);
  await page.locator("main").getByRole("button", { name: l.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/employer$`));
}

const table = (page: Page) => page.getByTestId("report-table");
/** The reference itself is the link (the row's "Open" link is labelled "Open report <reference>"). */
const refLink = (page: Page, reference: string) =>
  table(page).getByRole("link", { name: reference, exact: true });

for (const locale of ["ar", "en"] as const) {
  const m = text[locale].tracking;

  test(`${locale}: the owner tracks the establishment's reports and asks to cancel one`, async ({ page }) => {
    await signIn(page, locale, owner);
    await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
    await expect(page.getByRole("heading", { level: 1, name: m.dashboard.title })).toBeVisible();
    await expect(page.getByRole("link", { name: m.dashboard.fileNew })).toHaveAttribute(
      "href",
      `/${locale}/employer/reports/new`,
    );

    // The seeded reports, and none of another establishment's. Journeys that ran before this one filed more
    // reports for Al Noor, so the seeded ones may be past the first page: find each by its reference.
    await expect(table(page).locator("tbody tr").first()).toBeVisible();
    for (const ref of [SUBMITTED_REF, CANCELLED_REF, OLD_APPROVED_REF]) {
      await page.goto(`/${locale}/employer?q=${ref}`);
      await expect(refLink(page, ref)).toBeVisible();
    }
    await page.goto(`/${locale}/employer?q=${SOHAR_REF}`);
    await expect(page.getByRole("heading", { level: 1, name: m.dashboard.title })).toBeVisible();
    await expect(page.getByText(SOHAR_REF)).toHaveCount(0);
    await page.goto(`/${locale}/employer`);

    // Filter by status.
    await page.getByLabel(m.dashboard.status).selectOption("submitted");
    await page.getByRole("button", { name: m.dashboard.apply }).click();
    await expect(page).toHaveURL(/status=submitted/);
    await expect(refLink(page, SUBMITTED_REF)).toBeVisible();
    await expect(refLink(page, CANCELLED_REF)).toHaveCount(0);
    const tags = table(page).locator("[data-status]");
    expect(await tags.count()).toBeGreaterThan(0);
    for (const s of await tags.all()) await expect(s).toHaveAttribute("data-status", "submitted");

    // Search by the worker's name in the page's script, then by a reference typed loosely.
    await page.getByLabel(m.dashboard.status).selectOption("");
    await page.getByLabel(m.dashboard.search).fill(locale === "ar" ? "رافي" : "ravi singh");
    await page.getByRole("button", { name: m.dashboard.apply }).click();
    await expect(table(page).locator("tbody tr")).toHaveCount(1);
    await expect(refLink(page, SUBMITTED_REF)).toBeVisible();
    await page.getByLabel(m.dashboard.search).fill("wa 2021 000175");
    await page.getByRole("button", { name: m.dashboard.apply }).click();
    await expect(table(page).locator("tbody tr")).toHaveCount(1);
    await expect(refLink(page, OLD_APPROVED_REF)).toBeVisible();
    await page.getByRole("link", { name: m.dashboard.clear }).click();

    // Open the submitted report.
    await refLink(page, SUBMITTED_REF).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(SUBMITTED_REF);
    await expect(page.getByRole("heading", { level: 2, name: m.report.timelineTitle })).toBeVisible();
    const actions = page.getByTestId("report-actions");
    // A previous run stopped half-way: withdraw its request first.
    const leftover = actions.getByRole("button", { name: m.report.withdrawCancellation });
    if (await leftover.isVisible()) await leftover.click();

    // Ask to cancel it: the form says what to fix, then accepts.
    await actions.getByRole("link", { name: m.report.requestCancellation }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(SUBMITTED_REF);
    await page.getByRole("button", { name: m.cancel.submit }).click();
    const summary = page.getByTestId("error-summary");
    await expect(summary).toContainText(text[locale].trackingErrors.cancellation_reason_required);
    await expect(summary).toContainText(text[locale].trackingErrors.explanation_required);
    await page.getByLabel(m.cancel.reasons.worker_returned).check();
    const explanation =
      locale === "ar" ? "عاد العامل إلى العمل صباح اليوم." : "The worker came back to work this morning.";
    await page.getByLabel(m.cancel.explanation).fill(explanation);
    await page.getByRole("button", { name: m.cancel.submit }).click();

    // The request is on the report page, in the requests and in the history.
    await expect(page).toHaveURL(/notice=cancellation_requested/);
    await expect(page.getByRole("status")).toContainText(m.notices.cancellation_requested);
    const requests = page.getByTestId("cancellation-requests");
    await expect(requests).toContainText(m.report.requestStatus.submitted);
    await expect(requests).toContainText(explanation);
    await expect(page.getByTestId("timeline")).toContainText(
      m.timeline.cancellationRequested.replace("{reason}", m.cancel.reasons.worker_returned),
    );
    await expect(actions.getByRole("link", { name: m.report.requestCancellation })).toHaveCount(0);

    // Withdraw it: the report stays as it was.
    await actions.getByRole("button", { name: m.report.withdrawCancellation }).click();
    await expect(page.getByRole("status")).toContainText(m.notices.cancellation_withdrawn);
    await expect(requests).toContainText(m.report.requestStatus.withdrawn);
    await expect(actions.getByRole("link", { name: m.report.requestCancellation })).toBeVisible();
  });
}

test("an old approved report offers the deposit back, explained in words", async ({ page }) => {
  const m = text.en.tracking;
  await signIn(page, "en", owner);
  await page.goto("/en/employer?q=WA-2021-000175");
  await refLink(page, OLD_APPROVED_REF).click();
  await expect(page.getByTestId("refund-state")).toContainText(
    "legal period of 4 years ended on May 10, 2025",
  );
  await page.getByTestId("report-actions").getByRole("link", { name: m.report.requestRefund }).click();
  await expect(page.getByRole("heading", { level: 1, name: m.refund.pageTitle })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("OMR 98.000");
});

test("another establishment's report is not found, by id and by reference", async ({ page }) => {
  await signIn(page, "en", owner);
  const res = await page.goto(`/en/employer/reports/by-ref/${SOHAR_REF}`);
  expect(res?.status()).toBe(404);
  const own = await page.goto(`/en/employer/reports/by-ref/${SUBMITTED_REF.toLowerCase()}`);
  expect(own?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(SUBMITTED_REF);
});

test("an HR officer can track reports but not manage the team", async ({ page }) => {
  await signIn(page, "en", hr);
  await expect(page.getByRole("link", { name: text.en.tracking.dashboard.team })).toHaveCount(0);
  await page.goto("/en/employer/team");
  await expect(page).toHaveURL(/\/en\/forbidden$/);
});

test("the owner invites an HR officer, who accepts through the e-mailed link; once removed, they are signed out", async ({
  page,
  browser,
}) => {
  const m = text.en.team;
  const email = `officer.${Date.now()}@alnoor.example.om`;
  await signIn(page, "en", owner);
  await page.getByRole("link", { name: text.en.tracking.dashboard.team }).click();
  await page.getByLabel(m.email).fill(email);
  await page.getByRole("button", { name: m.invite }).click();
  await expect(page.getByRole("status")).toContainText(m.invited.replace("{email}", email));
  const row = page.getByTestId("team-list").locator(`li[data-email="${email}"]`);
  await expect(row).toContainText(m.state.invited);

  // The invitation e-mail, as the outbox recorded it.
  await page.goto("/en/dev/outbox");
  const mail = page
    .locator(`[data-testid=outbox-message][data-recipient="${email}"][data-template="employer.invitation"]`)
    .first();
  const link = /https?:\/\/\S+\/en\/invitation\?token=\S+/.exec((await mail.textContent()) ?? "")?.[0];
  expect(link).toBeTruthy();

  // The invitee, in their own browser.
  const invitee = await browser.newContext();
  const p2 = await invitee.newPage();
  await p2.goto(new URL(link!).pathname + new URL(link!).search);
  await expect(p2.getByRole("main")).toContainText(email);
  await p2.getByLabel(text.en.invitation.name).fill("Hamed Al Rashdi");
  await p2.getByLabel(text.en.invitation.password, { exact: true }).fill("a long officer passphrase");
  await p2.getByLabel(text.en.invitation.passwordConfirm).fill("a long officer passphrase");
  await p2.getByRole("button", { name: text.en.invitation.submit }).click();
  await expect(p2).toHaveURL(/\/en\/sign-in\/employer\?notice=verified/);
  await signIn(p2, "en", { email, password: "a long officer passphrase" });
  await expect(p2.getByRole("link", { name: SUBMITTED_REF, exact: true })).toBeVisible();

  // The owner removes them: their next request finds them signed out.
  await page.goto("/en/employer/team");
  await expect(row).toContainText("Hamed Al Rashdi");
  await row.getByRole("button", { name: m.removeLabel.replace("{name}", "Hamed Al Rashdi") }).click();
  await expect(page.getByRole("status")).toContainText(m.removed);
  await expect(row).toContainText(m.state.removed);
  await p2.goto("/en/employer");
  await expect(p2).toHaveURL(/\/en\/sign-in\/employer/);
  await invitee.close();
});
