/**
 * Accessibility: axe (every rule it runs by default: WCAG 2.x A and AA, and its best practices) on every kind
 * of page of the service, in Arabic and in English, and on the error state of each kind of form (sent empty).
 * Fails on any violation axe rates serious or critical; lists the moderate and minor ones. Ids and labels are
 * held to more (issue 10, contradiction 2: two forms on one page shared their ids, so a label checked the other
 * form's radio): every id on every page is used once, and every control has its own label — axe's
 * duplicate-id rules (two of them deprecated and off by default: switched on here) and its label rules fail
 * the test whatever impact axe gives them, and the page's ids are also counted directly.
 *
 * The pages are the ones the bundle-budget spec measures (helpers/site-pages.ts). Signed in by minted session
 * cookies, one browser context per kind of user (the sign-in journeys have specs of their own).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { prepareSitePages, type Audience, type SitePage, type SiteUsers } from "./helpers/site-pages";
import { sessionCookie } from "./helpers/session";

type Finding = { where: string; rule: string; impact: string; help: string; targets: string[] };

let catalogue: { pages: SitePage[]; users: SiteUsers };
const contexts = new Map<string, BrowserContext>();

test.beforeAll(async () => {
  catalogue = await prepareSitePages();
});
test.afterAll(async () => {
  for (const c of contexts.values()) await c.close();
});

async function contextFor(browser: Browser, p: SitePage): Promise<BrowserContext> {
  let context = contexts.get(p.as);
  if (!context) {
    const baseURL = test.info().project.use.baseURL!;
    context = await browser.newContext({ baseURL });
    if (p.as !== "anonymous") {
      const u = catalogue.users[p.as];
      await context.addCookies([await sessionCookie(baseURL, u.kind, u.id)]);
    }
    contexts.set(p.as, context);
  }
  return context;
}

/** Rules that fail the test whatever their impact: ids used twice, controls without their own label. */
const STRICT_RULES = [
  "duplicate-id",
  "duplicate-id-active",
  "duplicate-id-aria",
  "label",
  "form-field-multiple-labels",
] as const;

async function audit(page: Page, where: string): Promise<Finding[]> {
  // Legacy mode runs axe in the page itself: the pages have no cross-origin frames, and the default mode opens
  // an extra page per analysis (slower, and it hung once on a busy machine).
  const { violations } = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({
      resultTypes: ["violations"],
      rules: Object.fromEntries(STRICT_RULES.map((r) => [r, { enabled: true }])),
    })
    .analyze();
  const duplicates = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of Array.from(document.querySelectorAll("[id]")))
      seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  return [
    ...violations.map((v) => ({
      where,
      rule: v.id,
      impact: (STRICT_RULES as readonly string[]).includes(v.id) ? "critical" : (v.impact ?? "unknown"),
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    })),
    ...(duplicates.length
      ? [{ where, rule: "ids-used-twice", impact: "critical", help: "every id once", targets: duplicates }]
      : []),
  ];
}

const GROUPS: { title: string; audiences: Audience[] }[] = [
  { title: "public pages", audiences: ["public"] },
  { title: "employer pages", audiences: ["employer"] },
  { title: "worker pages and the demo tools", audiences: ["worker", "dev"] },
  { title: "staff pages", audiences: ["staff"] },
];

for (const locale of ["ar", "en"] as const) {
  for (const group of GROUPS) {
    test(`no serious or critical axe violations: ${group.title} (${locale})`, async ({ browser }) => {
      // About 20 pages and their axe runs: generous, for a busy 2-core machine.
      test.setTimeout(300_000);
      const findings: Finding[] = [];
      for (const p of catalogue.pages.filter((x) => group.audiences.includes(x.audience))) {
        const page = await (await contextFor(browser, p)).newPage();
        const response = await page.goto(`/${locale}${p.path}`);
        expect(response?.status(), `${p.name}: ${p.path}`).toBeLessThan(
          p.name === "not found (404)" ? 500 : 400,
        );
        // Not sent to a sign-in page: the page itself is what is checked.
        expect(new URL(page.url()).pathname, p.name).toBe(`/${locale}${p.path.split("?")[0]}`);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await expect(page.locator("html")).toHaveAttribute("dir", locale === "ar" ? "rtl" : "ltr");
        findings.push(...(await audit(page, `${p.name} (/${locale}${p.path})`)));
        if (p.emptySubmit) {
          await page.locator(p.emptySubmit).first().click();
          await expect(page.getByTestId("error-summary"), `${p.name}: the empty form's errors`).toBeVisible();
          findings.push(...(await audit(page, `${p.name}, sent empty (/${locale}${p.path})`)));
        }
        await page.close();
      }
      const minor = findings.filter((f) => f.impact !== "serious" && f.impact !== "critical");
      if (minor.length > 0) {
        console.log(
          `axe, ${group.title} (${locale}), moderate or minor:\n${minor.map((f) => `  ${f.where}: ${f.rule} (${f.impact}) ${f.targets.join(", ")}`).join("\n")}`,
        );
      }
      const serious = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
      expect(serious, "serious or critical axe violations").toEqual([]);
    });
  }
}
