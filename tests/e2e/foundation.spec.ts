/**
 * The foundation's journeys: both languages and directions, employer and staff sign-in (with a TOTP code),
 * who may open which page, and the supervisor's rollout schedule as the public landing page shows it.
 *
 * The server's database persists between runs (the global setup cannot drop it while the server uses it), so
 * every test that changes something puts it back, and failed sign-ins use unknown e-mails, never a demo
 * account (a locked demo account would break the next run).
 */
import { expect, test, type Page } from "@playwright/test";
import { freshTotp } from "./helpers/totp";
import { DEMO_ACCOUNTS, GOVERNORATES } from "@/db/seed/data";
import { messages as allMessages } from "@/messages";

const messages = { ar: allMessages.ar, en: allMessages.en };
type Locale = keyof typeof messages;

const owner = DEMO_ACCOUNTS.employer.find((a) => a.role === "owner")!;
const staffAccount = (role: "reviewer" | "finance" | "supervisor") =>
  DEMO_ACCOUNTS.staff.find((a) => a.role === role)!;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function signInEmployer(page: Page, locale: Locale, email: string, password: string) {
  const m = messages[locale];
  await page.goto(`/${locale}/sign-in/employer`);
  await page.getByLabel(m.signIn.email).fill(email);
  await page.getByLabel(m.signIn.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: m.signIn.submit }).click();
}

async function signInStaff(page: Page, locale: Locale, role: "reviewer" | "finance" | "supervisor") {
  const m = messages[locale];
  const account = staffAccount(role);
  await page.goto(`/${locale}/sign-in/staff`);
  await page.getByLabel(m.signIn.email).fill(account.email);
  await page.getByLabel(m.signIn.password, { exact: true }).fill(account.password);
  await page.getByRole("button", { name: m.signIn.continue }).click();
  const code = page.getByLabel(m.signIn.code);
  await expect(code).toBeVisible();
  await code.fill(await freshTotp(account.totpSecret));
  await page.getByRole("button", { name: m.signIn.submit }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/admin$`));
}

async function signOut(page: Page, locale: Locale) {
  await page.getByRole("banner").getByRole("button", { name: messages[locale].shell.signOut }).click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/?$`));
  await expect(
    page.getByRole("banner").getByRole("link", { name: messages[locale].shell.signIn }),
  ).toBeVisible();
}

test.describe("two languages", () => {
  test("the landing page is Arabic right-to-left at /ar", async ({ page }) => {
    await page.goto("/ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.ar.landing.title);
    // Every governorate's state today is shown.
    await expect(page.locator("tr[data-governorate]")).toHaveCount(11);
  });

  test("the landing page is English left-to-right at /en", async ({ page }) => {
    await page.goto("/en");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.en.landing.title);
  });

  test("the language switch keeps the current page", async ({ page }) => {
    await page.goto("/ar/sign-in/employer");
    await page.getByRole("banner").getByRole("link", { name: messages.ar.shell.language }).click();
    await expect(page).toHaveURL(/\/en\/sign-in\/employer$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.en.signIn.employerTitle);

    await page.getByRole("banner").getByRole("link", { name: messages.en.shell.language }).click();
    await expect(page).toHaveURL(/\/ar\/sign-in\/employer$/);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.ar.signIn.employerTitle);
  });

  test("GET /api/health answers 200 with JSON", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/json");
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

test.describe("employer sign-in", () => {
  for (const locale of ["ar", "en"] as const) {
    test(`the demo owner signs in and out (${locale})`, async ({ page }) => {
      const m = messages[locale];
      await signInEmployer(page, locale, owner.email, owner.password);
      await expect(page).toHaveURL(new RegExp(`/${locale}/employer$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(m.tracking.dashboard.title);
      await expect(page.getByRole("banner")).toContainText(owner.name);

      await signOut(page, locale);
      // The session is gone on the server: the employer pages send us to sign-in.
      await page.goto(`/${locale}/employer`);
      await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in/employer`));
    });
  }

  for (const locale of ["ar", "en"] as const) {
    test(`a wrong password shows the error summary, focused, and keeps the e-mail (${locale})`, async ({
      page,
    }) => {
      const m = messages[locale];
      // An address no account has: the answer is the same as for a wrong password, and no demo account is
      // brought closer to a lockout.
      const email = `nobody-${Date.now()}@test.example.om`;
      await signInEmployer(page, locale, email, "not-the-password");
      const summary = page.getByTestId("error-summary");
      await expect(summary).toBeVisible();
      await expect(summary).toContainText(m.errors.sign_in_invalid);
      await expect(summary).toBeFocused();
      await expect(page).toHaveTitle(new RegExp(`^${escape(m.meta.errorPrefix)} `));
      await expect(page.getByLabel(m.signIn.email)).toHaveValue(email);
      await expect(page.getByLabel(m.signIn.password, { exact: true })).toHaveValue("");
      await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in/employer$`));
    });
  }
});

test.describe("staff sign-in and roles", () => {
  test("a supervisor signs in with a TOTP code and sees the role and the settings", async ({ page }) => {
    await signInStaff(page, "ar", "supervisor");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.ar.admin.title);
    await expect(page.getByTestId("staff-role")).toHaveText(messages.ar.admin.roles.supervisor);
    await expect(
      page.getByRole("link", { name: messages.ar.adminSettings.home.governoratesLink }),
    ).toBeVisible();
    await signOut(page, "ar");
  });

  test("a reviewer signs in (en), sees the role and no settings, and the settings page is forbidden", async ({
    page,
  }) => {
    await signInStaff(page, "en", "reviewer");
    await expect(page.getByTestId("staff-role")).toHaveText(messages.en.admin.roles.reviewer);
    await expect(page.getByTestId("staff-directory")).toContainText(staffAccount("supervisor").email);
    await expect(
      page.getByRole("link", { name: messages.en.adminSettings.home.governoratesLink }),
    ).toHaveCount(0);

    await page.goto("/ar/admin/settings/governorates");
    await expect(page).toHaveURL(/\/ar\/forbidden$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.ar.forbidden.title);
  });

  test("an employer cannot open the staff pages", async ({ page }) => {
    await signInEmployer(page, "ar", owner.email, owner.password);
    await expect(page).toHaveURL(/\/ar\/employer$/);
    for (const path of ["/ar/admin", "/ar/admin/settings/governorates"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/ar\/forbidden$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(messages.ar.forbidden.title);
    }
  });

  test("without signing in, the staff pages ask for staff sign-in", async ({ page }) => {
    await page.goto("/en/admin/settings/governorates");
    await expect(page).toHaveURL(/\/en\/sign-in\/staff/);
  });
});

test.describe("the rollout schedule", () => {
  // Musandam: no demo establishment is there, so moving its dates cannot disturb another journey.
  const code = "MU";
  const seeded = GOVERNORATES.find((g) => g.code === code)!;

  async function saveDates(page: Page, locale: Locale, pilotFrom: string, mandatoryFrom: string) {
    const m = messages[locale].adminSettings.governorates;
    const section = page.locator(`[data-governorate=${code}]`);
    await section.locator(`#${code}-pilotFrom`).fill(pilotFrom);
    await section.locator(`#${code}-mandatoryFrom`).fill(mandatoryFrom);
    await section.getByRole("button", { name: m.save }).click();
    return section;
  }

  async function landingState(page: Page, locale: Locale) {
    await page.goto(`/${locale}`);
    return page.locator(`tr[data-governorate=${code}]`);
  }

  test("a supervisor moves a governorate into the future, the landing page says not yet available, and it is put back", async ({
    page,
  }) => {
    const ar = messages.ar;
    const name = "مسندم";
    await signInStaff(page, "ar", "supervisor");
    await page.getByRole("link", { name: ar.adminSettings.home.governoratesLink }).click();
    await expect(page).toHaveURL(/\/ar\/admin\/settings\/governorates$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar.adminSettings.governorates.title);
    await expect(page.locator("[data-governorate]")).toHaveCount(11);

    try {
      // Start from the real rollout, whatever an earlier run left behind.
      await saveDates(page, "ar", seeded.pilotFrom, seeded.mandatoryFrom);
      expect(await (await landingState(page, "ar")).textContent()).toContain(ar.landing.stateNames.mandatory);

      await page.goto("/ar/admin/settings/governorates");
      const section = await saveDates(page, "ar", "2099-01-01", "2099-06-01");
      await expect(section.getByRole("status")).toContainText(
        ar.adminSettings.governorates.saved.replace("{name}", name),
      );
      await expect(section.getByTestId("state")).toHaveText(ar.landing.stateNames.not_live);
      await expect(section.locator(`#${code}-pilotFrom`)).toHaveValue("2099-01-01");

      const row = await landingState(page, "ar");
      await expect(row).toContainText(ar.landing.stateNames.not_live);
      const rowEn = await landingState(page, "en");
      await expect(rowEn).toContainText(messages.en.landing.stateNames.not_live);
    } finally {
      await page.goto("/ar/admin/settings/governorates");
      await saveDates(page, "ar", seeded.pilotFrom, seeded.mandatoryFrom);
      await expect(page.locator(`[data-governorate=${code}]`).getByTestId("state")).toHaveText(
        ar.landing.stateNames.mandatory,
      );
    }
    await expect(await landingState(page, "ar")).toContainText(ar.landing.stateNames.mandatory);
  });

  test("dates out of order are refused with the error summary, focused, and the typed dates kept (en)", async ({
    page,
  }) => {
    const en = messages.en;
    await signInStaff(page, "en", "supervisor");
    await page.goto("/en/admin/settings/governorates");
    const section = await saveDates(page, "en", "2099-06-01", "2099-01-01");
    const summary = section.getByTestId("error-summary");
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(en.adminSettings.errors.date_order);
    await expect(page).toHaveTitle(new RegExp(`^${escape(en.meta.errorPrefix)} `));
    await expect(section.locator(`#${code}-pilotFrom`)).toHaveValue("2099-06-01");
    await expect(section.locator(`#${code}-mandatoryFrom`)).toHaveValue("2099-01-01");
    // The summary's link leads to the field (ids carry the governorate: the page has one form per governorate).
    await expect(summary.getByRole("link", { name: en.adminSettings.errors.date_order })).toHaveAttribute(
      "href",
      `#${code}-mandatoryFrom`,
    );
    await expect(section.locator(`#${code}-mandatoryFrom`)).toHaveAttribute("aria-invalid", "true");

    // Nothing was saved.
    await page.goto("/en/admin/settings/governorates");
    await expect(page.locator(`#${code}-pilotFrom`)).toHaveValue(seeded.pilotFrom);
    await expect(page.locator(`[data-governorate=${code}]`).getByTestId("state")).toHaveText(
      en.landing.stateNames.mandatory,
    );
  });
});
