/**
 * Security in the browser (issue 6 §5):
 * - every kind of page (public, employer, filing steps, worker, staff, demo outbox) renders under the
 *   nonce-based Content-Security-Policy with no violation, no script error, and hydrates (React attached);
 * - script payloads (Latin and Arabic) in every free-text field an outsider controls are shown as text: no
 *   dialog opens, no element is created from them, and the literal text is on the page;
 * - the security headers of a page, an API route and an evidence download.
 * Users are signed in with a session cookie (helpers/session.ts): the sign-in pages have journeys of
 * their own. Rows are made directly in the database, each with unique values; static imports only.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { db } from "@/db";
import { employerUsers, evidenceFiles, grievances, reportEvents, reports } from "@/db/schema";
import { eq } from "drizzle-orm";
import { getStorage, newStorageKey } from "@/lib/storage";
import { messages } from "@/messages";
import { createStaffUser } from "../helpers/accounts";
import { createEstablishment, createReport, createWorker } from "../helpers/tracking-fixtures";
import { signInAs } from "./helpers/session";

const SCRIPT = "<script>alert(1)</script>";
const IMG = `"><img src=x onerror=alert(1)>`;
const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>';
const ARABIC = "ملاحظة <script>alert('عربي')</script> نهاية";

type Fixture = {
  employerUserId: string;
  workerId: string;
  staffUserId: string;
  submittedId: string;
  draftId: string;
  evidenceId: string;
  pdfEvidenceId: string;
};

let fx: Fixture;

// Each test opens many pages: give it room on a busy machine.
test.describe.configure({ timeout: 240_000 });

test.beforeAll(async () => {
  const est = await createEstablishment(`XSS ${IMG}`);
  await db
    .update(employerUsers)
    .set({ name: `${SCRIPT} ${ARABIC}` })
    .where(eq(employerUsers.id, est.owner.userId));
  const worker = await createWorker(est.id, { nameEn: `Worker ${IMG}`, nameAr: `عامل ${SCRIPT}` });
  const submitted = await createReport(est, { status: "approved", workerId: worker.id });
  await db
    .update(reports)
    .set({ workAddress: `${IMG} Ruwi`, contactAttempts: `${ARABIC}\n${SCRIPT}` })
    .where(eq(reports.id, submitted.id));
  await db.insert(reportEvents).values({
    reportId: submitted.id,
    fromStatus: "approved",
    toStatus: "approved",
    actorKind: "staff",
    reasonCode: null,
    note: `Staff note ${SCRIPT} ${IMG}`,
  });
  await db.insert(grievances).values({
    reportId: submitted.id,
    workerId: worker.id,
    grounds: "at_work",
    statement: `${ARABIC} ${IMG}`,
    contactPhone: "+96891234567",
  });
  const other = await createWorker(est.id);
  const draft = await createReport(est, { status: "draft", workerId: other.id });
  await db
    .update(reports)
    .set({ workAddress: IMG, contactAttempts: ARABIC, workGovernorateCode: "MA" })
    .where(eq(reports.id, draft.id));
  // Evidence of the draft: a PNG and a PDF whose stored names carry markup.
  const png = Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b0f2d80000000049454e44ae426082",
    "hex",
  );
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n");
  const ids: string[] = [];
  for (const [bytes, mimeType, name, kind] of [
    [png, "image/png", `photo ${IMG}.png`, "bank_statement"],
    [pdf, "application/pdf", `statement ${ARABIC}.pdf`, "municipality_licence"],
  ] as const) {
    const key = newStorageKey("evidence");
    await getStorage().put(key, bytes, mimeType);
    const [row] = await db
      .insert(evidenceFiles)
      .values({
        reportId: draft.id,
        kind,
        storageKey: key,
        originalName: name,
        mimeType,
        sizeBytes: bytes.length,
        sha256: "0".repeat(64),
        uploadedByKind: "employer",
        uploadedBy: est.owner.userId,
      })
      .returning({ id: evidenceFiles.id });
    ids.push(row!.id);
  }
  const staff = await createStaffUser({ role: "supervisor" });
  fx = {
    employerUserId: est.owner.userId,
    workerId: worker.id,
    staffUserId: staff.id,
    submittedId: submitted.id,
    draftId: draft.id,
    evidenceId: ids[0]!,
    pdfEvidenceId: ids[1]!,
  };
});

type Problems = string[];

/** Records CSP violations, script errors and dialogs on every page of the context. */
async function watch(context: BrowserContext): Promise<Problems> {
  const problems: Problems = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  context.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|CSP violation/i.test(m.text()))
      problems.push(`${m.page()?.url()}: ${m.text()}`);
  });
  context.on("weberror", (e) => problems.push(`script error: ${e.error().message}`));
  context.on("dialog", (d) => {
    problems.push(`dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/** Opens a page and checks it rendered, hydrated, and created nothing from a payload. */
async function visit(page: Page, path: string, expectText: string[] = []): Promise<void> {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(500);
  await page.waitForLoadState("networkidle");
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__react"))), {
      message: `${path} hydrated`,
      timeout: 20_000,
    })
    .toBe(true);
  const injected = await page.evaluate(
    () => document.querySelectorAll('img[src="x"], [onerror], script:not([src]):not([nonce])').length,
  );
  expect(injected, `${path}: elements made from a payload`).toBe(0);
  for (const text of expectText)
    await expect(page.getByText(text, { exact: false }).first(), `${path} shows ${text}`).toBeAttached();
}

async function signedIn(
  browser: import("@playwright/test").Browser,
  kind: "employer" | "staff" | "worker",
  id: string,
) {
  const baseURL = test.info().project.use.baseURL!;
  const context = await browser.newContext({ baseURL });
  const problems = await watch(context);
  await signInAs(context, baseURL, kind, id);
  return { context, problems, page: await context.newPage() };
}

test("public pages: no CSP violation, hydrated", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const problems = await watch(context);
  const page = await context.newPage();
  for (const path of [
    "/ar",
    "/en",
    "/ar/guide/employer",
    "/en/guide/worker",
    "/ar/sign-in",
    "/en/sign-in/employer",
    "/ar/sign-in/staff",
    "/en/sign-in/worker",
    "/ar/sign-up",
    "/en/password-reset",
    "/ar/forbidden",
    "/en/no-such-page",
    "/ar/dev/outbox",
  ]) {
    await visit(page, path);
  }
  // A form that works only with JavaScript's help: a server action answering with errors, in place.
  await page.goto("/en/sign-in/worker");
  await page.getByRole("button").last().click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  expect(problems).toEqual([]);
  await context.close();
});

test("employer pages and filing steps show payloads as text", async ({ browser }) => {
  const { context, problems, page } = await signedIn(browser, "employer", fx.employerUserId);
  await visit(page, "/en/employer", [`Worker ${IMG}`]);
  await visit(page, "/ar/employer", [`عامل ${SCRIPT}`]);
  await visit(page, `/en/employer/reports/${fx.submittedId}`, [`${IMG} Ruwi`]);
  await visit(page, `/ar/employer/reports/${fx.submittedId}`);
  for (const step of ["absence", "evidence", "check"]) {
    await visit(page, `/en/employer/reports/${fx.draftId}/edit/${step}`);
  }
  await visit(page, `/en/employer/reports/${fx.draftId}/edit/check`, [IMG, ARABIC, `photo ${IMG}.png`]);
  // In a form, the payload is a field's value, not markup.
  await visit(page, `/ar/employer/reports/${fx.draftId}/edit/absence`);
  expect(
    await page.evaluate(
      (v) =>
        [...document.querySelectorAll("input, textarea")].some((e) => (e as HTMLInputElement).value === v),
      IMG,
    ),
  ).toBe(true);
  // An SVG with a script, named .png, is refused through the real form with the translated message.
  await visit(page, `/ar/employer/reports/${fx.draftId}/edit/evidence`);
  await page
    .locator("#address_proof")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from(SVG_WITH_SCRIPT) });
  await page.getByRole("button", { name: messages.ar.filing.saveAndContinue }).click();
  await expect(page.getByTestId("error-summary")).toContainText(messages.ar.filing.errors.upload_type);
  const kept = await db
    .select({ kind: evidenceFiles.kind })
    .from(evidenceFiles)
    .where(eq(evidenceFiles.reportId, fx.draftId));
  expect(kept.map((k) => k.kind).sort()).toEqual(["bank_statement", "municipality_licence"]);
  await visit(page, "/en/employer/team", [`${SCRIPT} ${ARABIC}`]);
  await visit(page, "/en/employer/reports/new");
  expect(problems).toEqual([]);
  await context.close();
});

test("worker pages show payloads as text", async ({ browser }) => {
  const { context, problems, page } = await signedIn(browser, "worker", fx.workerId);
  await visit(page, "/en/worker");
  await visit(page, `/en/worker/reports/${fx.submittedId}`, [`XSS ${IMG}`]);
  await visit(page, `/ar/worker/reports/${fx.submittedId}`);
  await visit(page, `/en/worker/reports/${fx.submittedId}/grievance`);
  expect(problems).toEqual([]);
  await context.close();
});

test("staff pages show payloads as text", async ({ browser }) => {
  const { context, problems, page } = await signedIn(browser, "staff", fx.staffUserId);
  await visit(page, "/en/admin");
  for (const kind of ["reports", "cancellations", "grievances"])
    await visit(page, `/en/admin/queues/${kind}`);
  await visit(page, `/en/admin/reports/${fx.submittedId}`, [
    `${IMG} Ruwi`,
    `Staff note ${SCRIPT} ${IMG}`,
    `${ARABIC} ${IMG}`,
  ]);
  await visit(page, `/ar/admin/reports/${fx.submittedId}`, [`عامل ${SCRIPT}`]);
  await visit(page, `/en/admin/reports/${fx.draftId}`);
  for (const path of [
    "/en/admin/audit",
    "/ar/admin/statistics",
    "/en/admin/inspections",
    "/en/admin/refunds",
    "/en/admin/staff",
    "/en/admin/settings/fees",
    "/ar/admin/settings/governorates",
  ]) {
    await visit(page, path);
  }
  expect(problems).toEqual([]);
  await context.close();
});

test("headers of a page, an API route and an evidence download", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "employer", fx.employerUserId);
  const pageRes = await context.request.get("/en");
  const csp = pageRes.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  for (const d of [
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    "form-action 'self'",
    "connect-src 'self'",
  ]) {
    expect(csp).toContain(d);
  }
  // Next.js put the same nonce on its own scripts; a second request gets another.
  expect(await pageRes.text()).toContain(`nonce="${nonce}"`);
  expect((await context.request.get("/en")).headers()["content-security-policy"]).not.toContain(nonce);
  expect(pageRes.headers()["x-content-type-options"]).toBe("nosniff");
  expect(pageRes.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // `next start` is production: HSTS is sent (development leaves it out).
  expect(pageRes.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");

  const api = await context.request.get("/api/health");
  expect(api.headers()["content-security-policy"]).toBe(
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");

  const pdf = await context.request.get(`/api/evidence/${fx.pdfEvidenceId}`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(
    /^attachment; filename="statement [^"]*\.pdf"; filename\*=UTF-8''statement%20/,
  );
  expect(pdf.headers()["x-content-type-options"]).toBe("nosniff");
  expect(pdf.headers()["content-security-policy"]).toContain("sandbox");
  expect(pdf.headers()["content-security-policy"]).toContain("default-src 'none'");
  const png = await context.request.get(`/api/evidence/${fx.evidenceId}?download=1`);
  expect(png.headers()["content-type"]).toBe("image/png");
  expect(png.headers()["content-disposition"]).toMatch(/^attachment; /);
  // Nobody else gets it: another employer, and no one signed in, see the same 404 as for no file at all.
  const anonymous = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  expect((await anonymous.request.get(`/api/evidence/${fx.pdfEvidenceId}`)).status()).toBe(404);
  await anonymous.close();
  const stranger = await signedIn(browser, "employer", (await createEstablishment("Stranger")).owner.userId);
  const denied = await stranger.context.request.get(`/api/evidence/${fx.pdfEvidenceId}`);
  expect(denied.status()).toBe(404);
  expect(denied.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  await stranger.context.close();
  await page.close();
  await context.close();
});
