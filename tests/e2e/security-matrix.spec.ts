/**
 * The authorization matrix, over HTTP against the production build: every page and route handler found under
 * app/, and every server action in the build, for every kind of user — anonymous, establishment A's owner and
 * HR officer, establishment B's owner, a worker, a reviewer, finance and a supervisor. Each cell says what that
 * user must get; a route or action with no entry here fails the test, so nothing new goes unchecked.
 *
 * Object references are tried four ways: A's object, B's object, a random UUID and garbage (and for report
 * references: a valid check digit nobody has, and a wrong check digit). Another establishment's object must
 * look exactly like a missing one. A refused action must change nothing in the database.
 *
 * Static imports only (see global-setup.ts). No afterAll that ends the shared db client.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { StaffRole } from "@/lib/auth/actor";
import { DECLARATION_KEYS } from "@/lib/reports/declarations";
import {
  ACTORS,
  actionsInBuild,
  actionsInSource,
  badCheckDigit,
  callAction,
  changedTables,
  createFixtures,
  fingerprint,
  guessedReference,
  isEmployer,
  isStaff,
  randomId,
  routesOnDisk,
  sessionCookie,
  staffMay,
  visibleText,
  type ActorName,
  type Field,
  type Fixtures,
  type Outcome,
} from "./helpers/security";

test.describe.configure({ mode: "serial" });

// ---------------------------------------------------------------------------------------------------------
// What each kind of user must get
// ---------------------------------------------------------------------------------------------------------

/** 200, another status, a redirect to a sign-in page or to the 403 page, or a redirect matching a pattern. */
type Expect = number | "signin:employer" | "signin:staff" | "signin:worker" | "forbidden" | RegExp;

/** Whose object a dynamic segment holds. */
type Variant = "a" | "b" | "random" | "garbage" | "guessed" | "checkdigit" | "none";

type Ctx = { actor: ActorName; variant: Variant };

const employerGate =
  (ok: (c: Ctx) => Expect) =>
  (c: Ctx): Expect =>
    c.actor === "anonymous" ? "signin:employer" : isEmployer(c.actor) ? ok(c) : "forbidden";
const staffGate =
  (roles: readonly StaffRole[], ok: (c: Ctx) => Expect = () => 200) =>
  (c: Ctx): Expect =>
    c.actor === "anonymous" ? "signin:staff" : staffMay(c.actor, roles) ? ok(c) : "forbidden";
const workerGate =
  (ok: (c: Ctx) => Expect) =>
  (c: Ctx): Expect =>
    c.actor === "anonymous" ? "signin:worker" : c.actor === "worker" ? ok(c) : "forbidden";
const ANY_STAFF: StaffRole[] = ["reviewer", "finance", "supervisor"];

/** An establishment-scoped object: A's people see A's, B's owner sees B's, everything else is a 404. */
const ownObject =
  (ok: Expect) =>
  ({ actor, variant }: Ctx): Expect =>
    (variant === "a" && actor !== "employerB") || (variant === "b" && actor === "employerB") ? ok : 404;

type RouteSpec = {
  /** The address for a variant (dynamic segments filled); `locale` is `ar` or `en`. */
  url: (f: Fixtures, locale: string, v: Variant) => string;
  variants: Variant[];
  expect: (c: Ctx) => Expect;
  method?: "GET" | "POST";
};

const NO_VARIANTS: Variant[] = ["none"];
const ID_VARIANTS: Variant[] = ["a", "b", "random", "garbage"];
const STAFF_ID_VARIANTS: Variant[] = ["a", "random", "garbage"];

/** The id for a variant, given A's and B's objects. */
const pick = (v: Variant, a: string, b: string) => (v === "a" ? a : v === "b" ? b : v === "random" ? randomId() : "not-an-id'%20or%201=1");

const page = (p: string, expect: (c: Ctx) => Expect): RouteSpec => ({ url: (_f, l) => `/${l}${p}`, variants: NO_VARIANTS, expect });
const publicPage = (p: string) => page(p, () => 200);
const employerReportPage = (suffix: string, obj: (s: Fixtures["a"]) => string): RouteSpec => ({
  url: (f, l, v) => `/${l}/employer/reports/${pick(v, obj(f.a), obj(f.b))}${suffix}`,
  variants: ID_VARIANTS,
  expect: employerGate(ownObject(200)),
});

const ROUTES: Record<string, RouteSpec> = {
  // Public pages: the same for everyone.
  "/[locale]": publicPage(""),
  "/[locale]/forbidden": publicPage("/forbidden"),
  "/[locale]/invitation": publicPage("/invitation?token=guessed-token"),
  "/[locale]/password-reset": publicPage("/password-reset"),
  "/[locale]/password-reset/new": publicPage("/password-reset/new?token=guessed-token"),
  "/[locale]/sign-in": publicPage("/sign-in"),
  "/[locale]/sign-in/employer": publicPage("/sign-in/employer"),
  "/[locale]/sign-in/staff": publicPage("/sign-in/staff"),
  "/[locale]/sign-in/worker": publicPage("/sign-in/worker"),
  "/[locale]/sign-up": publicPage("/sign-up"),
  "/[locale]/sign-up/check-email": publicPage("/sign-up/check-email"),
  "/[locale]/sign-up/verify": publicPage("/sign-up/verify?token=guessed-token"),
  "/[locale]/staff-invitation": publicPage("/staff-invitation?token=guessed-token"),
  "/[locale]/guide/employer": publicPage("/guide/employer"),
  "/[locale]/guide/worker": publicPage("/guide/worker"),
  "/[locale]/[...rest]": page("/no-such-page/at-all", () => 404),
  // The demo outbox is public in demo mode (the journeys' server runs in it); 404 otherwise (not tested here).
  "/[locale]/dev/outbox": publicPage("/dev/outbox"),
  "/[locale]/dev/pay/[sessionId]": {
    url: (f, l, v) => `/${l}/dev/pay/${pick(v, f.a.awaiting.sessionId, f.b.awaiting.sessionId)}`,
    variants: ID_VARIANTS,
    expect: employerGate(ownObject(200)),
  },

  // The employer's pages.
  "/[locale]/employer": page("/employer", employerGate(() => 200)),
  "/[locale]/employer/team": page(
    "/employer/team",
    employerGate(({ actor }) => (actor === "hrA" ? "forbidden" : 200)),
  ),
  "/[locale]/employer/reports/new": page("/employer/reports/new", employerGate(() => 200)),
  "/[locale]/employer/reports/new/confirm": page("/employer/reports/new/confirm", employerGate(() => 200)),
  "/[locale]/employer/reports/[id]": employerReportPage("", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/cancel": employerReportPage("/cancel", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/confirmation": employerReportPage("/confirmation", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/pay": employerReportPage("/pay", (s) => s.awaiting.id),
  "/[locale]/employer/reports/[id]/refund": employerReportPage("/refund", (s) => s.old.id),
  "/[locale]/employer/reports/[id]/edit/last-day": employerReportPage("/edit/last-day", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/workplace": employerReportPage("/edit/workplace", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/contact": employerReportPage("/edit/contact", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/declarations": employerReportPage("/edit/declarations", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/evidence": employerReportPage("/edit/evidence", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/check": employerReportPage("/edit/check", (s) => s.draft.id),
  "/[locale]/employer/reports/by-ref/[reference]": {
    url: (f, l, v) => {
      const ref = v === "a" ? f.a.submitted.reference : v === "b" ? f.b.submitted.reference : v === "guessed" ? guessedReference() : badCheckDigit(f.a.submitted.reference);
      return `/${l}/employer/reports/by-ref/${ref}`;
    },
    variants: ["a", "b", "guessed", "checkdigit"],
    // Found: a redirect to the report's page. Another establishment's reference reads as no such reference.
    expect: employerGate(ownObject(/\/employer\/reports\/[0-9a-f-]{36}$/)),
  },

  // The worker's pages.
  "/[locale]/worker": page("/worker", workerGate(() => 200)),
  "/[locale]/worker/reports/[id]": {
    url: (f, l, v) => `/${l}/worker/reports/${pick(v, f.workerReport.id, f.b.approved.id)}`,
    variants: ID_VARIANTS,
    expect: workerGate(({ variant }) => (variant === "a" ? 200 : 404)),
  },
  "/[locale]/worker/reports/[id]/grievance": {
    url: (f, l, v) => `/${l}/worker/reports/${pick(v, f.workerReport.id, f.b.approved.id)}/grievance`,
    variants: ID_VARIANTS,
    expect: workerGate(({ variant }) => (variant === "a" ? 200 : 404)),
  },

  // Ministry staff: each page's roles (supervisors may do everything).
  "/[locale]/admin": page("/admin", staffGate(ANY_STAFF)),
  "/[locale]/admin/statistics": page("/admin/statistics", staffGate(ANY_STAFF)),
  "/[locale]/admin/audit": page("/admin/audit", staffGate(["supervisor"])),
  "/[locale]/admin/staff": page("/admin/staff", staffGate(["supervisor"])),
  "/[locale]/admin/settings/governorates": page("/admin/settings/governorates", staffGate(["supervisor"])),
  "/[locale]/admin/settings/fees": page("/admin/settings/fees", staffGate(["finance"])),
  "/[locale]/admin/refunds": page("/admin/refunds", staffGate(["finance"])),
  "/[locale]/admin/inspections": page("/admin/inspections", staffGate(["supervisor"])),
  "/[locale]/admin/queues/[kind]": {
    url: (_f, l, v) => `/${l}/admin/queues/${v === "a" ? "reports" : v === "b" ? "grievances" : "no-such-queue"}`,
    variants: ["a", "b", "garbage"],
    // A queue that does not exist is a 404 for any staff (the kinds of queue are no secret); the queues
    // themselves are the reviewers'.
    expect: (c) => (c.actor === "anonymous" ? "signin:staff" : !isStaff(c.actor) ? "forbidden" : c.variant === "garbage" ? 404 : staffMay(c.actor, ["reviewer"]) ? 200 : "forbidden"),
  },
  "/[locale]/admin/reports/[id]": {
    url: (f, l, v) => `/${l}/admin/reports/${pick(v, f.a.submitted.id, f.b.submitted.id)}`,
    variants: STAFF_ID_VARIANTS,
    expect: staffGate(["reviewer", "finance"], ({ variant }) => (variant === "a" ? 200 : 404)),
  },
  "/[locale]/admin/refunds/[id]": {
    url: (f, l, v) => `/${l}/admin/refunds/${pick(v, f.refundRequestId, "")}`,
    variants: STAFF_ID_VARIANTS,
    expect: staffGate(["finance"], ({ variant }) => (variant === "a" ? 200 : 404)),
  },
  "/[locale]/admin/refunds/deposit/[depositId]": {
    url: (f, l, v) => `/${l}/admin/refunds/deposit/${pick(v, f.a.old.depositId!, "")}`,
    variants: STAFF_ID_VARIANTS,
    expect: staffGate(["finance"], ({ variant }) => (variant === "a" ? 200 : 404)),
  },
  "/[locale]/admin/inspections/[id]": {
    url: (f, l, v) => `/${l}/admin/inspections/${pick(v, f.referralId, "")}`,
    variants: STAFF_ID_VARIANTS,
    expect: staffGate(["supervisor"], ({ variant }) => (variant === "a" ? 200 : 404)),
  },
};

/** Route handlers: status codes. Staff-only exports answer 404 to anyone not allowed (the address tells nothing). */
const HANDLERS: Record<string, RouteSpec> = {
  "/api/health": { url: () => "/api/health", variants: NO_VARIANTS, expect: () => 200 },
  "/api/auth/[...nextauth]": { url: () => "/api/auth/session", variants: NO_VARIANTS, expect: () => 200 },
  "/api/evidence/[id]": {
    url: (f, _l, v) => `/api/evidence/${pick(v, f.a.evidenceId, f.b.evidenceId)}`,
    variants: ID_VARIANTS,
    // The establishment's people and any staff; the worker only sees what staff shared with them.
    expect: (c) => (isStaff(c.actor) ? (c.variant === "a" || c.variant === "b" ? 200 : 404) : isEmployer(c.actor) ? ownObject(200)(c) : 404),
  },
  "/api/admin/export/reports": { url: () => "/api/admin/export/reports", variants: NO_VARIANTS, expect: ({ actor }) => (isStaff(actor) ? 200 : 404) },
  "/api/admin/export/refunds": { url: () => "/api/admin/export/refunds", variants: NO_VARIANTS, expect: ({ actor }) => (staffMay(actor, ["finance"]) ? 200 : 404) },
  "/api/admin/export/audit": {
    url: () => "/api/admin/export/audit",
    variants: NO_VARIANTS,
    // Other staff learn they lack the role (403); anyone not staff gets 404.
    expect: ({ actor }) => (actor === "supervisor" ? 200 : isStaff(actor) ? 403 : 404),
  },
  "/api/admin/export/queue/[kind]": {
    url: (_f, _l, v) => `/api/admin/export/queue/${v === "a" ? "reports" : "no-such-queue"}`,
    variants: ["a", "garbage"],
    expect: ({ actor, variant }) => (variant === "a" && staffMay(actor, ["reviewer"]) ? 200 : 404),
  },
  // Machine-to-machine endpoints: no session matters. Without their secrets configured (as here) they are off.
  "/api/notifications/callback/email": { url: () => "/api/notifications/callback/email", variants: NO_VARIANTS, expect: () => 404, method: "POST" },
  "/api/notifications/callback/sms": { url: () => "/api/notifications/callback/sms", variants: NO_VARIANTS, expect: () => 404, method: "POST" },
  "/api/webhooks/stripe": { url: () => "/api/webhooks/stripe", variants: NO_VARIANTS, expect: () => 503, method: "POST" },
};

// ---------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------

let fx: Fixtures;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  fx = await createFixtures();
});

function describe(e: Expect): string {
  return e instanceof RegExp ? `redirect ${e.source}` : String(e);
}

async function fetchRoute(request: APIRequestContext, spec: RouteSpec, url: string, cookie: string | null) {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const res =
    spec.method === "POST"
      ? await request.post(url, { headers: { ...headers, "Content-Type": "application/json" }, data: "{}", maxRedirects: 0, failOnStatusCode: false })
      : await request.get(url, { headers, maxRedirects: 0, failOnStatusCode: false });
  return res;
}

/** What a response was, in the matrix's terms. */
function observed(status: number, location: string | undefined): string {
  if (status >= 300 && status < 400 && location) {
    const path = new URL(location, "http://x").pathname;
    if (/\/sign-in\/(employer|staff|worker)$/.test(path)) return `signin:${path.split("/").pop()}`;
    if (/\/forbidden$/.test(path)) return "forbidden";
    return `redirect ${path}`;
  }
  return String(status);
}

function matches(e: Expect, got: string): boolean {
  if (e instanceof RegExp) return got.startsWith("redirect ") && e.test(got.slice("redirect ".length));
  return String(e) === got;
}

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------

test("every page and route handler on disk is in the matrix, and nothing in the matrix is gone", () => {
  const { pages, handlers } = routesOnDisk();
  expect(pages.filter((p) => !(p in ROUTES)), "pages with no matrix entry").toEqual([]);
  expect(handlers.filter((h) => !(h in HANDLERS)), "route handlers with no matrix entry").toEqual([]);
  expect(Object.keys(ROUTES).filter((r) => !pages.includes(r)), "matrix entries with no page").toEqual([]);
  expect(Object.keys(HANDLERS).filter((r) => !handlers.includes(r)), "matrix entries with no handler").toEqual([]);
});

test("every route × every kind of user: exactly the expected answer", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const cells: { route: string; actor: ActorName; variant: Variant; url: string; want: Expect }[] = [];
  for (const [route, spec] of [...Object.entries(ROUTES), ...Object.entries(HANDLERS)]) {
    ACTORS.forEach((actor, i) => {
      const locale = i % 2 === 0 ? "ar" : "en";
      for (const variant of spec.variants) cells.push({ route, actor, variant, url: spec.url(fx, locale, variant), want: spec.expect({ actor, variant }) });
    });
  }
  const specOf = (route: string) => ROUTES[route] ?? HANDLERS[route]!;
  // One client per kind of user: a client keeps the cookies it is sent (Auth.js refreshes the session cookie
  // on /api/auth/session), and one user's cookie must never travel with another's request.
  const clients = new Map<ActorName, APIRequestContext>();
  for (const actor of ACTORS) clients.set(actor, await playwright.request.newContext({ baseURL }));
  const wrong: string[] = [];
  const started = Date.now();
  // A few at a time: the server answers them in parallel, the order does not matter.
  for (let i = 0; i < cells.length; i += 6) {
    await Promise.all(
      cells.slice(i, i + 6).map(async (c) => {
        const res = await fetchRoute(clients.get(c.actor)!, specOf(c.route), c.url, fx.cookies[c.actor]);
        const got = observed(res.status(), res.headers()["location"]);
        if (!matches(c.want, got)) wrong.push(`${c.route} [${c.variant}] as ${c.actor}: expected ${describe(c.want)}, got ${got} (${c.url})`);
      }),
    );
  }
  for (const c of clients.values()) await c.dispose();
  console.log(`route matrix: ${cells.length} requests (${Object.keys(ROUTES).length} pages + ${Object.keys(HANDLERS).length} handlers × ${ACTORS.length} users × variants) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(wrong, `${wrong.length} of ${cells.length} cells differ`).toEqual([]);
});

test("another establishment's report, by id or by reference, reads exactly like one that does not exist", async ({ request }) => {
  const cookie = fx.cookies.employerB;
  const checks: [string, string, string[]][] = [];
  const missingId = randomId();
  for (const suffix of ["", "/cancel", "/confirmation", "/pay", "/refund", "/edit/check"]) {
    const theirs = suffix === "/pay" ? fx.a.awaiting.id : suffix === "/refund" ? fx.a.old.id : suffix === "/edit/check" ? fx.a.draft.id : fx.a.submitted.id;
    checks.push([`/en/employer/reports/${theirs}${suffix}`, `/en/employer/reports/${missingId}${suffix}`, [theirs, missingId]]);
  }
  const guessed = guessedReference();
  checks.push([`/en/employer/reports/by-ref/${fx.a.submitted.reference}`, `/en/employer/reports/by-ref/${guessed}`, [fx.a.submitted.reference, guessed]]);
  checks.push([`/en/dev/pay/${fx.a.awaiting.sessionId}`, `/en/dev/pay/local_cs_doesnotexist`, [fx.a.awaiting.sessionId, "local_cs_doesnotexist"]]);
  checks.push([`/api/evidence/${fx.a.evidenceId}`, `/api/evidence/${missingId}`, [fx.a.evidenceId, missingId]]);
  for (const [theirs, missing, ids] of checks) {
    const [r1, r2] = await Promise.all([request.get(theirs, { headers: { Cookie: cookie! }, maxRedirects: 0 }), request.get(missing, { headers: { Cookie: cookie! }, maxRedirects: 0 })]);
    expect(r1.status(), theirs).toBe(404);
    expect(r2.status(), missing).toBe(404);
    expect(visibleText(await r1.text(), ids), `${theirs} vs ${missing}`).toBe(visibleText(await r2.text(), ids));
  }
  // And the worker: another worker's report is a 404 like a missing one.
  const w = fx.cookies.worker!;
  const [r1, r2] = await Promise.all([
    request.get(`/en/worker/reports/${fx.b.approved.id}`, { headers: { Cookie: w }, maxRedirects: 0 }),
    request.get(`/en/worker/reports/${missingId}`, { headers: { Cookie: w }, maxRedirects: 0 }),
  ]);
  expect([r1.status(), r2.status()]).toEqual([404, 404]);
  expect(visibleText(await r1.text(), [fx.b.approved.id, missingId])).toBe(visibleText(await r2.text(), [fx.b.approved.id, missingId]));
});

// ---------------------------------------------------------------------------------------------------------
// Server actions
// ---------------------------------------------------------------------------------------------------------

/**
 * Who may call an action, and with which form:
 * - `allowed`: the users the action serves (it may still refuse them for an object that is not theirs);
 * - `attack`: a complete, valid form aimed at establishment A's object (or at A's people): everyone not allowed,
 *   and employer B, must be refused with it, and nothing may change;
 * - `probe`: a form that is wrong on purpose: the allowed users must get past the gate to the form's own
 *   answer (a field error, or a refusal of that input), with nothing written.
 * Public actions (sign-in, sign-up, invitations...) serve everyone: `attack` is omitted, and `probe` is sent
 * by every kind of user.
 */
type ActionSpec = {
  page: (f: Fixtures) => string;
  shape: "state" | "plain";
  allowed: (a: ActorName) => boolean;
  /** Allowed users aiming at an object of A's that is not theirs: employer B for establishment-scoped actions. */
  crossTenant?: ActorName[];
  attack?: (f: Fixtures) => Record<string, Field | Field[]>;
  probe: (f: Fixtures) => Record<string, Field | Field[]>;
  /** What an allowed user's probe must come back as (defaults to a field error). */
  probeKinds?: string[];
  /** Other answers that refuse the caller for this action (besides sign-in, 403, 404 and the REFUSAL_CODES). */
  refusedAlso?: (o: Outcome) => boolean;
  /** Signing out ends the caller's own session: probed with a session of its own, not the matrix's. */
  endsSession?: boolean;
};

const ANY = () => true;
const employers = (a: ActorName) => isEmployer(a);
const owners = (a: ActorName) => a === "employerA" || a === "employerB";
const staffWith = (roles: StaffRole[]) => (a: ActorName) => staffMay(a, roles);
const L = { locale: "en" };
const PNG_FILE: Field = { name: "scan.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]) };
const DECLARATIONS = (answer: string) =>
  Object.fromEntries(DECLARATION_KEYS.map((k) => [k, answer]));

const ACTIONS: Record<string, ActionSpec> = {
  // ----- public: sign-in, sign-up, password reset, invitations
  "lib/auth/actions.ts#employerSignInAction": { page: () => "/en/sign-in/employer", shape: "state", allowed: ANY, probe: () => ({ ...L, email: "not-an-email", password: "" }) },
  "lib/auth/actions.ts#staffPasswordAction": { page: () => "/en/sign-in/staff", shape: "state", allowed: ANY, probe: () => ({ ...L, email: "", password: "" }) },
  "lib/auth/actions.ts#staffCodeAction": { page: () => "/en/sign-in/staff", shape: "state", allowed: ANY, probe: () => ({ ...L, pending: "forged", code: "12" }) },
  "lib/auth/actions.ts#signUpAction": { page: () => "/en/sign-up", shape: "state", allowed: ANY, probe: () => ({ ...L, crNumber: "x", email: "y" }) },
  "lib/auth/actions.ts#requestResetAction": { page: () => "/en/password-reset", shape: "state", allowed: ANY, probe: () => ({ ...L, email: "@" }) },
  "lib/auth/actions.ts#resetPasswordAction": {
    page: () => "/en/password-reset/new",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, token: "guessed-token", password: "Long-Enough-Passw0rd!", passwordConfirm: "Long-Enough-Passw0rd!" }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/employers/actions.ts#acceptInvitationAction": {
    page: () => "/en/invitation",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, token: "guessed-token", name: "Someone", password: "Long-Enough-Passw0rd!", passwordConfirm: "Long-Enough-Passw0rd!" }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/admin/staff-actions.ts#acceptStaffInvitationAction": {
    page: () => "/en/staff-invitation",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, token: "guessed-token", password: "Long-Enough-Passw0rd!", passwordConfirm: "Long-Enough-Passw0rd!" }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/workers/actions.ts#requestWorkerCodeAction": {
    page: () => "/en/sign-in/worker",
    shape: "plain",
    allowed: ANY,
    probe: () => ({ ...L, civilId: "not digits" }),
    // The worker's sign-in answers with its own page again, the error in the address.
    probeKinds: ["signin"],
  },
  "lib/workers/actions.ts#resendWorkerCodeAction": { page: () => "/en/sign-in/worker", shape: "plain", allowed: ANY, probe: () => L, probeKinds: ["signin"] },
  "lib/workers/actions.ts#verifyWorkerCodeAction": { page: () => "/en/sign-in/worker", shape: "plain", allowed: ANY, probe: () => ({ ...L, code: "123456" }), probeKinds: ["signin"] },
  "lib/auth/actions.ts#signOutAction": { page: () => "/en", shape: "plain", allowed: ANY, probe: () => L, probeKinds: ["redirect"], endsSession: true },
  "lib/auth/actions.ts#signOutEverywhereAction": { page: () => "/en", shape: "plain", allowed: ANY, probe: () => L, probeKinds: ["redirect"], endsSession: true },

  // ----- the employer: filing (establishment-scoped)
  "lib/reports/filing-actions.ts#findWorkerAction": {
    page: () => "/en/employer/reports/new",
    shape: "state",
    allowed: employers,
    // Looking up a worker writes nothing: the attack is the look-up itself, by someone not an employer.
    attack: () => ({ ...L, civilId: "100000001" }),
    probe: () => ({ ...L, civilId: "abc" }),
  },
  "lib/reports/filing-actions.ts#startReportAction": {
    page: () => "/en/employer/reports/new/confirm",
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, workerId: f.workerId }),
    probe: () => ({ ...L, workerId: "not-a-uuid" }),
    // The same answer as for looking the worker up by civil ID: the permit is with another establishment.
    refusedAlso: (o) => o.kind === "invalid" && o.formError === "permit_other_establishment",
  },
  "lib/reports/filing-actions.ts#saveLastDayAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/last-day`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, lastDayDay: "3", lastDayMonth: "1", lastDayYear: "2026" }),
    probe: (f) => ({ ...L, reportId: f.a.draft.id, lastDayDay: "30", lastDayMonth: "2", lastDayYear: "2026" }),
  },
  "lib/reports/filing-actions.ts#saveWorkplaceAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/workplace`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, workGovernorateCode: "MA", workAddress: "Way 2, Ruwi, Muscat" }),
    probe: (f) => ({ ...L, reportId: f.a.draft.id, workGovernorateCode: "muscat", workAddress: "x" }),
  },
  "lib/reports/filing-actions.ts#saveContactAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/contact`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, contactAttempts: "Called him three times on 2 January." }),
    probe: (f) => ({ ...L, reportId: f.a.draft.id, contactAttempts: "short" }),
  },
  "lib/reports/filing-actions.ts#saveDeclarationsAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/declarations`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, ...DECLARATIONS("no") }),
    probe: (f) => ({ ...L, reportId: f.a.draft.id, ...DECLARATIONS("maybe") }),
  },
  "lib/reports/filing-actions.ts#evidenceAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/evidence`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, municipality_licence: PNG_FILE }),
    // A file that is not what its name says: refused on its field, nothing stored.
    probe: (f) => ({ ...L, reportId: f.a.draft.id, municipality_licence: { name: "licence.png", mimeType: "image/png", buffer: Buffer.from("MZ not an image") } }),
  },
  "lib/reports/filing-actions.ts#continueToPaymentAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/check`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id }),
    // The fixture's draft is incomplete: the check page lists what is missing.
    probe: (f) => ({ ...L, reportId: f.a.draft.id }),
    probeKinds: ["invalid"],
  },
  "lib/reports/filing-actions.ts#returnToDraftAction": {
    page: (f) => `/en/employer/reports/${f.a.awaiting.id}/pay`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    // A's report whose payment has started (its deposit has a session): it cannot go back to a draft.
    attack: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probe: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probeKinds: ["redirect"],
  },
  "lib/payments/actions.ts#payDepositAction": {
    page: (f) => `/en/employer/reports/${f.a.awaiting.id}/pay`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probe: () => ({ ...L, reportId: "nope" }),
    probeKinds: ["refused"],
  },
  "lib/payments/actions.ts#localGatewayAction": {
    page: (f) => `/en/dev/pay/${f.a.awaiting.sessionId}`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, sessionId: f.a.awaiting.sessionId, decision: "decline" }),
    probe: () => ({ ...L, sessionId: "", decision: "approve" }),
    // A checkout session that is not the caller's is treated as one that does not exist: back to the dashboard.
    refusedAlso: (o) => o.kind === "redirect" && /^\/en\/employer$/.test(o.redirect ?? ""),
    probeKinds: ["redirect"],
  },

  // ----- the employer: tracking (establishment-scoped)
  "lib/reports/tracking-actions.ts#requestCancellationAction": {
    page: (f) => `/en/employer/reports/${f.a.submitted.id}/cancel`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.submitted.id, reason: "worker_returned", explanation: "He came back to work on Sunday morning." }),
    probe: (f) => ({ ...L, reportId: f.a.submitted.id, reason: "bored", explanation: "" }),
  },
  "lib/reports/tracking-actions.ts#withdrawCancellationAction": {
    page: (f) => `/en/employer/reports/${f.a.submitted.id}`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.submitted.id, requestId: randomId() }),
    probe: (f) => ({ ...L, reportId: f.a.submitted.id, requestId: randomId() }),
    probeKinds: ["refused"],
  },
  "lib/reports/tracking-actions.ts#requestRefundAction": {
    page: (f) => `/en/employer/reports/${f.a.old.id}/refund`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.old.id, ground: "legal_period_ended" }),
    probe: (f) => ({ ...L, reportId: f.a.old.id, ground: "because" }),
  },

  // ----- the employer: the team (owners only)
  "lib/employers/actions.ts#inviteOfficerAction": {
    page: () => "/en/employer/team",
    shape: "state",
    allowed: owners,
    attack: () => ({ ...L, email: `matrix-invite-${randomId().slice(0, 8)}@example.om` }),
    probe: () => ({ ...L, email: "not an address" }),
  },
  "lib/employers/actions.ts#removeOfficerAction": {
    page: () => "/en/employer/team",
    shape: "plain",
    allowed: owners,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, userId: f.hrA.userId }),
    probe: () => ({ ...L, userId: "nobody" }),
    probeKinds: ["refused"],
  },

  // ----- the worker
  "lib/grievances/actions.ts#fileGrievanceAction": {
    page: (f) => `/en/worker/reports/${f.workerReport.id}/grievance`,
    shape: "state",
    allowed: (a) => a === "worker",
    attack: (f) => ({ ...L, reportId: f.workerReport.id, grounds: "at_work", statement: "I never left my work; I was on leave with permission.", contactPhone: "+96891234567" }),
    probe: (f) => ({ ...L, reportId: f.workerReport.id, grounds: "none", statement: "", contactPhone: "call me" }),
  },

  // ----- ministry staff
  "lib/admin/actions.ts#decideAction": {
    page: (f) => `/en/admin/reports/${f.a.submitted.id}`,
    shape: "state",
    allowed: staffWith(["reviewer"]),
    attack: (f) => ({ ...L, kind: "report", targetId: f.a.submitted.id, reportId: f.a.submitted.id, version: "1", outcome: "reject", reasonCode: "evidence_insufficient", note: "" }),
    probe: (f) => ({ ...L, kind: "report", targetId: f.a.submitted.id, reportId: f.a.submitted.id, version: "1", outcome: "", reasonCode: "" }),
  },
  "lib/admin/finance-actions.ts#decideRefundAction": {
    page: (f) => `/en/admin/refunds/${f.refundRequestId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({ ...L, refundRequestId: f.refundRequestId, version: "1", decision: "reject", reasonCode: "other", note: "No." }),
    probe: (f) => ({ ...L, refundRequestId: f.refundRequestId, version: "1", decision: "maybe", reasonCode: "" }),
  },
  "lib/admin/finance-actions.ts#retryRefundAction": {
    page: (f) => `/en/admin/refunds/${f.refundRequestId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({ ...L, refundRequestId: f.refundRequestId }),
    // The request is not an approved one that failed: there is nothing to retry.
    probe: (f) => ({ ...L, refundRequestId: f.refundRequestId }),
    probeKinds: ["invalid"],
  },
  "lib/admin/finance-actions.ts#markUtilisedAction": {
    page: (f) => `/en/admin/refunds/deposit/${f.a.old.depositId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({ ...L, depositId: f.a.old.depositId!, ticketReference: "TK-1" }),
    probe: (f) => ({ ...L, depositId: f.a.old.depositId!, ticketReference: "" }),
  },
  "lib/admin/finance-actions.ts#addFeeAction": {
    page: () => "/en/admin/settings/fees",
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: () => ({ ...L, nationality: "ZZ", amount: "99.000", effectiveFrom: "2099-01-01" }),
    probe: () => ({ ...L, nationality: "India", amount: "-1", effectiveFrom: "2026-13-45" }),
  },
  "lib/admin/finance-actions.ts#recordInspectionAction": {
    page: (f) => `/en/admin/inspections/${f.referralId}`,
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, referralId: f.referralId, outcome: "compliant", note: "" }),
    probe: (f) => ({ ...L, referralId: f.referralId, outcome: "non_compliant", note: "" }),
  },
  "lib/governorates/actions.ts#updateGovernorateScheduleAction": {
    page: () => "/en/admin/settings/governorates",
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: () => ({ ...L, code: "MU", pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" }),
    probe: () => ({ ...L, code: "MU", pilotFrom: "2026-02-30", mandatoryFrom: "" }),
  },
  "lib/admin/staff-actions.ts#inviteStaffAction": {
    page: () => "/en/admin/staff",
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: () => ({ ...L, name: "Intruder", email: `matrix-${randomId().slice(0, 8)}@mol.example.om`, role: "supervisor" }),
    probe: () => ({ ...L, name: "", email: "x", role: "admin" }),
  },
  "lib/admin/staff-actions.ts#changeStaffRoleAction": {
    page: () => "/en/admin/staff",
    shape: "plain",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, userId: f.staff.reviewer, role: "supervisor" }),
    probe: (f) => ({ ...L, userId: f.staff.reviewer, role: "king" }),
    probeKinds: ["redirect"],
  },
  "lib/admin/staff-actions.ts#setStaffActiveAction": {
    page: () => "/en/admin/staff",
    shape: "plain",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, userId: f.staff.finance, active: "false" }),
    probe: () => ({ ...L, userId: "nobody", active: "false" }),
    probeKinds: ["refused"],
  },
};

test("every server action in the source and in the build is in the matrix", () => {
  const source = actionsInSource();
  const build = [...actionsInBuild().keys()].sort();
  expect(source.filter((a) => !(a in ACTIONS)), "actions in the source with no matrix entry").toEqual([]);
  expect(build.filter((a) => !(a in ACTIONS)), "actions in the build with no matrix entry").toEqual([]);
  expect(Object.keys(ACTIONS).filter((a) => !build.includes(a)), "matrix entries not in the build").toEqual([]);
});

const REFUSED = new Set(["signin", "forbidden", "notfound", "refused"]);

test("every server action × every kind of user: the right users get through, everyone else is refused and nothing changes", async ({ playwright, baseURL }) => {
  test.setTimeout(180_000);
  const build = actionsInBuild();
  const wrong: string[] = [];
  let calls = 0;
  const started = Date.now();
  const table: string[] = [];
  for (const [name, spec] of Object.entries(ACTIONS)) {
    const id = build.get(name)!.id;
    const row: string[] = [];
    for (const actor of ACTORS) {
      const allowed = spec.allowed(actor);
      const cross = spec.crossTenant?.includes(actor) ?? false;
      const attacking = spec.attack && (!allowed || cross);
      let cookie = fx.cookies[actor];
      // Signing out ends the caller's session (everywhere: all of them): it gets one of its own, and the
      // matrix a new one afterwards. Signing out everywhere is recorded in the audit log.
      if (spec.endsSession && cookie) cookie = await sessionCookieFor(actor);
      const fields = attacking ? spec.attack!(fx) : spec.probe(fx);
      const before = await fingerprint();
      let outcome: Outcome;
      try {
        // A fresh client each time: no cookie set by one call (a sign-out, a sign-in cookie) reaches the next.
        const client = await playwright.request.newContext({ baseURL });
        try {
          outcome = await callAction(client, baseURL!, { id, page: spec.page(fx), shape: spec.shape, fields, cookie });
        } finally {
          await client.dispose();
        }
      } catch (e) {
        wrong.push(`${name} as ${actor}: request failed: ${String(e)}`);
        continue;
      }
      calls += 1;
      row.push(`${actor}=${outcome.kind}${outcome.formError ? `:${outcome.formError}` : ""}`);
      const after = await fingerprint();
      const changed = changedTables(before, after).filter((t) => !(spec.endsSession && cookie && t === "audit_events" && name.endsWith("#signOutEverywhereAction")));
      if (spec.endsSession && cookie) fx.cookies[actor] = await sessionCookieFor(actor);
      const label = `${name} as ${actor} (${attacking ? "attack" : "probe"})`;
      if (outcome.kind === "error5xx") wrong.push(`${label}: HTTP ${outcome.status}`);
      else if (attacking && !REFUSED.has(outcome.kind) && !spec.refusedAlso?.(outcome)) wrong.push(`${label}: not refused: ${JSON.stringify(outcome)}`);
      else if (!attacking && allowed && !(spec.probeKinds ?? ["invalid"]).includes(outcome.kind)) wrong.push(`${label}: expected ${(spec.probeKinds ?? ["invalid"]).join("|")}, got ${JSON.stringify(outcome)}`);
      else if (!attacking && !allowed && !REFUSED.has(outcome.kind) && outcome.kind !== "invalid") wrong.push(`${label}: not refused: ${JSON.stringify(outcome)}`);
      if (changed.length > 0) wrong.push(`${label}: changed ${changed.join(", ")} (${JSON.stringify(outcome)})`);
    }
    table.push(`  ${name.replace(/^lib\//, "")}: ${row.join(" ")}`);
  }
  console.log(table.join("\n"));
  console.log(`action matrix: ${Object.keys(ACTIONS).length} actions × ${ACTORS.length} users = ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  expect(wrong, `${wrong.length} cells differ`).toEqual([]);
});

async function sessionCookieFor(actor: ActorName): Promise<string> {
  const mint = sessionCookie;
  if (actor === "employerA") return mint("employer", fx.a.owner.userId);
  if (actor === "hrA") return mint("employer", fx.hrA.userId);
  if (actor === "employerB") return mint("employer", fx.b.owner.userId);
  if (actor === "worker") return mint("worker", fx.workerId);
  return mint("staff", fx.staff[actor as "reviewer" | "finance" | "supervisor"]);
}
