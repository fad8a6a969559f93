/**
 * What the browser has to carry: the JavaScript each kind of page loads, as gzip bytes, against its budget.
 * Worker and public pages (people on cheap phones and slow links) may load at most 150 kB, every other page
 * 250 kB (1 kB = 1,000 bytes). Fails when a page is over; prints every page with its size and its headroom.
 *
 * Counted: every script the page loads before its `load` event (the files, whoever inserted them: the HTML,
 * the bundler's runtime), and every inline script in the document (the framework's bootstrap and the React
 * Server Components payload it hydrates from), each gzipped here from its body, so the figure does not depend
 * on the server's compression. Not counted: what a page prefetches afterwards for the links it shows.
 *
 * The pages are the ones the accessibility spec checks (helpers/site-pages.ts), in Arabic (the default, and
 * the larger of the two languages' texts).
 */
import { gzipSync } from "node:zlib";
import { expect, test, type Response } from "@playwright/test";
import { BUDGET_BYTES, prepareSitePages, type SitePage } from "./helpers/site-pages";
import { sessionCookie } from "./helpers/session";

type Row = {
  page: SitePage;
  files: number;
  filesBytes: number;
  inlineBytes: number;
  total: number;
  budget: number;
};

const kB = (n: number) => (n / 1000).toFixed(1);

test("every page loads no more JavaScript than its budget", async ({ browser }) => {
  test.setTimeout(300_000);
  const baseURL = test.info().project.use.baseURL!;
  const { pages, users } = await prepareSitePages();
  const rows: Row[] = [];
  const contexts = new Map<string, Awaited<ReturnType<typeof browser.newContext>>>();
  for (const p of pages) {
    let context = contexts.get(p.as);
    if (!context) {
      context = await browser.newContext({ baseURL });
      if (p.as !== "anonymous") {
        const u = users[p.as];
        await context.addCookies([await sessionCookie(baseURL, u.kind, u.id)]);
      }
      contexts.set(p.as, context);
    }
    const page = await context.newPage();
    const scripts: Response[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r);
    });
    const response = await page.goto(`/ar${p.path}`, { waitUntil: "load" });
    expect(response?.status(), `${p.name}: ${p.path}`).toBe(p.name === "not found (404)" ? 404 : 200);
    // Not sent to a sign-in page: the page itself is what is measured.
    expect(new URL(page.url()).pathname, p.name).toBe(`/ar${p.path.split("?")[0]}`);
    const loaded = [...scripts];
    let filesBytes = 0;
    for (const r of loaded) filesBytes += gzipSync(await r.body()).length;
    const inline = await page.$$eval("script:not([src])", (els) => els.map((e) => e.textContent ?? ""));
    const inlineBytes = inline.reduce((sum, text) => sum + gzipSync(Buffer.from(text)).length, 0);
    rows.push({
      page: p,
      files: loaded.length,
      filesBytes,
      inlineBytes,
      total: filesBytes + inlineBytes,
      budget: BUDGET_BYTES[p.audience],
    });
    await page.close();
  }
  for (const c of contexts.values()) await c.close();

  const header = [
    "page",
    "audience",
    "script files",
    "files kB",
    "inline kB",
    "total kB",
    "budget kB",
    "under by kB",
  ];
  const lines = rows.map((r) => [
    r.page.name,
    r.page.audience,
    String(r.files),
    kB(r.filesBytes),
    kB(r.inlineBytes),
    kB(r.total),
    kB(r.budget),
    kB(r.budget - r.total),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(
    `\nJavaScript per page (gzip, 1 kB = 1,000 bytes), Arabic pages:\n${fmt(header)}\n${lines.map(fmt).join("\n")}\n`,
  );

  const over = rows
    .filter((r) => r.total > r.budget)
    .map((r) => `${r.page.name} (${r.page.path || "/"}): ${kB(r.total)} kB > ${kB(r.budget)} kB`);
  expect(over, "pages over their JavaScript budget").toEqual([]);
});
