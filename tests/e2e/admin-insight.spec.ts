/**
 * The supervisor's insight pages: statistics in Arabic (right-to-left, Arabic-Indic digits, bars growing from
 * the right) and English, the reports CSV download (UTF-8 with a BOM), and the audit log with a filter.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "@/db/seed/data";
import { messages as allMessages } from "@/messages";
import { freshTotp } from "./helpers/totp";

const messages = { ar: allMessages.ar, en: allMessages.en };
type Locale = keyof typeof messages;
const supervisor = DEMO_ACCOUNTS.staff.find((a) => a.role === "supervisor")!;

async function signInSupervisor(page: Page, locale: Locale) {
  const m = messages[locale];
  await page.goto(`/${locale}/sign-in/staff`);
  await page.getByLabel(m.signIn.email).fill(supervisor.email);
  await page.getByLabel(m.signIn.password, { exact: true }).fill(supervisor.password);
  await page.getByRole("button", { name: m.signIn.continue }).click();
  const code = page.getByLabel(m.signIn.code);
  await expect(code).toBeVisible();
  await code.fill(await freshTotp(supervisor.totpSecret));
  await page.getByRole("button", { name: m.signIn.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

const DIGITS = { ar: /^[٠-٩٬]+$/, en: /^[0-9,]+$/ } as const;

async function checkStatistics(page: Page, locale: Locale) {
  const m = messages[locale].adminInsight.statistics;
  await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.title);
  for (const id of ["by-governorate", "by-month", "by-nationality", "by-status"]) {
    await expect(
      page.getByRole("heading", {
        level: 2,
        name: m[
          id === "by-governorate"
            ? "byGovernorate"
            : id === "by-month"
              ? "byMonth"
              : id === "by-nationality"
                ? "byNationality"
                : "byStatus"
        ],
      }),
    ).toBeVisible();
  }
  // The governorate table lists all eleven, each with a count in the locale's digits.
  const cells = page.getByTestId("table-by-governorate").locator("tbody td");
  await expect(cells).toHaveCount(11);
  for (const text of await cells.allTextContents()) expect(text.trim()).toMatch(DIGITS[locale]);
  // The seed has filed reports: the total is a positive number.
  const total = Number(
    await page
      .getByTestId("table-by-status")
      .locator("tbody td")
      .evaluateAll((tds) => tds.reduce((n, td) => n + Number(td.getAttribute("data-value")), 0)),
  );
  expect(total).toBeGreaterThan(0);
  // Deposits are shown in OMR with three decimals.
  await expect(page.getByTestId("table-deposits").locator("tbody tr")).toHaveCount(3);

  // The longest bar starts at the inline-start edge of its track: the right in Arabic, the left in English.
  const box = await page
    .getByTestId("chart-by-status")
    .locator("li span.bg-brand-600")
    .evaluateAll((bars) => {
      const widest = bars.reduce((w, el) =>
        el.getBoundingClientRect().width > w.getBoundingClientRect().width ? el : w,
      );
      const b = widest.getBoundingClientRect();
      const t = widest.parentElement!.getBoundingClientRect();
      return { left: b.left - t.left, right: t.right - b.right, width: b.width, track: t.width };
    });
  // The widest bar fills its track (it is the maximum), so check a narrower one too, below.
  expect(box.width).toBeGreaterThan(0);
  const narrow = await page
    .getByTestId("chart-by-status")
    .locator("li span.bg-brand-600")
    .evaluateAll((bars) => {
      const partial = bars.find((el) => {
        const w = el.getBoundingClientRect().width;
        return w > 0 && w < el.parentElement!.getBoundingClientRect().width - 2;
      });
      if (!partial) return null;
      const b = partial.getBoundingClientRect();
      const t = partial.parentElement!.getBoundingClientRect();
      return { left: b.left - t.left, right: t.right - b.right };
    });
  expect(narrow).not.toBeNull();
  if (locale === "ar") {
    expect(Math.abs(narrow!.right)).toBeLessThan(1);
    expect(narrow!.left).toBeGreaterThan(2);
  } else {
    expect(Math.abs(narrow!.left)).toBeLessThan(1);
    expect(narrow!.right).toBeGreaterThan(2);
  }
}

test("a supervisor reads statistics in both languages, downloads the CSV and browses the audit log", async ({
  page,
}) => {
  await signInSupervisor(page, "ar");
  await page.getByRole("link", { name: messages.ar.adminInsight.home.statisticsLink }).click();
  await expect(page).toHaveURL(/\/ar\/admin\/statistics$/);
  // Opened without dates, the page counts the last 12 months and says so; the form shows that range.
  const ms = messages.ar.adminInsight.statistics;
  await expect(page.getByTestId("period")).toContainText(ms.periodDefault);
  await expect(page.getByLabel(ms.from, { exact: true })).toHaveValue(/^\d{4}-\d{2}-01$/);
  await expect(page.getByLabel(ms.to, { exact: true })).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  // "All time" is one click away (both dates empty); the seed's reports are fixed dates, so check there.
  await page.getByTestId("all-time").click();
  await expect(page).toHaveURL(/\/ar\/admin\/statistics\?from=&to=$/);
  await expect(page.getByTestId("period")).toHaveText(ms.periodAll);
  await expect(page.getByLabel(ms.from, { exact: true })).toHaveValue("");
  await checkStatistics(page, "ar");

  await page.goto("/en/admin/statistics?from=&to=");
  await expect(page.getByTestId("period")).toHaveText(messages.en.adminInsight.statistics.periodAll);
  await checkStatistics(page, "en");

  // A filter is a GET form: the URL carries it and the export link follows it.
  await page.getByLabel(messages.en.adminInsight.statistics.governorate, { exact: true }).selectOption("MA");
  await page.getByRole("button", { name: messages.en.adminInsight.statistics.apply }).click();
  await expect(page).toHaveURL(/governorate=MA/);
  await expect(page.getByTestId("table-by-governorate").locator("tbody tr")).toHaveCount(1);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("export-reports").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^balagh-reports-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  expect(text.split("\r\n")[0]).toContain("reference,status,submitted_at_utc");
  // Arabic names survive the round trip (the seed's Al Noor is in Muscat governorate).
  expect(text).toMatch(/[\u0600-\u06FF]/);

  // The audit log, filtered to staff sign-ins: the supervisor's own sign-in is there.
  const ma = messages.en.adminInsight.audit;
  await page.goto("/en/admin");
  await page.getByRole("link", { name: messages.en.adminInsight.home.auditLink }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ma.title);
  await page.getByLabel(ma.actorKind).selectOption("staff");
  await page.getByLabel(ma.action, { exact: true }).fill("staff.signed_in");
  await page.getByRole("button", { name: ma.apply }).click();
  await expect(page).toHaveURL(/actorKind=staff/);
  const events = page.getByTestId("audit-events").locator("li[data-action]");
  await expect(events.first()).toBeVisible();
  for (const action of await events.evaluateAll((lis) => lis.map((li) => li.getAttribute("data-action"))))
    expect(action).toBe("staff.signed_in");
  await expect(events.first()).toContainText(supervisor.name);

  // Viewing the log is itself in the log.
  await page.goto("/en/admin/audit?action=audit.viewed");
  await expect(
    page.getByTestId("audit-events").locator('li[data-action="audit.viewed"]').first(),
  ).toBeVisible();
});

test("reviewers cannot open the audit log or staff accounts, and the export refuses the anonymous", async ({
  page,
  request,
}) => {
  const res = await request.get("/api/admin/export/reports");
  expect(res.status()).toBe(404);
  const reviewer = DEMO_ACCOUNTS.staff.find((a) => a.role === "reviewer")!;
  const m = messages.en;
  await page.goto("/en/sign-in/staff");
  await page.getByLabel(m.signIn.email).fill(reviewer.email);
  await page.getByLabel(m.signIn.password, { exact: true }).fill(reviewer.password);
  await page.getByRole("button", { name: m.signIn.continue }).click();
  await page.getByLabel(m.signIn.code).fill(await freshTotp(reviewer.totpSecret));
  await page.getByRole("button", { name: m.signIn.submit }).click();
  await expect(page).toHaveURL(/\/en\/admin$/);
  await expect(page.getByRole("link", { name: m.adminInsight.home.auditLink })).toHaveCount(0);
  await page.goto("/en/admin/audit");
  await expect(page).toHaveURL(/\/en\/forbidden$/);
  await page.goto("/en/admin/staff");
  await expect(page).toHaveURL(/\/en\/forbidden$/);
  await page.goto("/en/admin/statistics");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.adminInsight.statistics.title);
  expect((await page.request.get("/api/admin/export/audit")).status()).toBe(403);
});
