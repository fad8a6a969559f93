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
import { ACTIONS } from "./helpers/action-matrix";
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
  retryOnReset,
  routesOnDisk,
  sessionCookie,
  staffMay,
  visibleText,
  type ActorName,
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
const pick = (v: Variant, a: string, b: string) =>
  v === "a" ? a : v === "b" ? b : v === "random" ? randomId() : "not-an-id'%20or%201=1";

const page = (p: string, expect: (c: Ctx) => Expect): RouteSpec => ({
  url: (_f, l) => `/${l}${p}`,
  variants: NO_VARIANTS,
  expect,
});
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
  "/[locale]/employer": page(
    "/employer",
    employerGate(() => 200),
  ),
  "/[locale]/employer/team": page(
    "/employer/team",
    employerGate(({ actor }) => (actor === "hrA" ? "forbidden" : 200)),
  ),
  "/[locale]/employer/reports/new": page(
    "/employer/reports/new",
    employerGate(() => 200),
  ),
  "/[locale]/employer/reports/[id]": employerReportPage("", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/cancel": employerReportPage("/cancel", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/discard": employerReportPage("/discard", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/confirmation": employerReportPage("/confirmation", (s) => s.submitted.id),
  "/[locale]/employer/reports/[id]/pay": employerReportPage("/pay", (s) => s.awaiting.id),
  "/[locale]/employer/reports/[id]/refund": employerReportPage("/refund", (s) => s.old.id),
  "/[locale]/employer/reports/[id]/edit/absence": employerReportPage("/edit/absence", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/evidence": employerReportPage("/edit/evidence", (s) => s.draft.id),
  "/[locale]/employer/reports/[id]/edit/check": employerReportPage("/edit/check", (s) => s.draft.id),
  "/[locale]/employer/reports/by-ref/[reference]": {
    url: (f, l, v) => {
      const ref =
        v === "a"
          ? f.a.submitted.reference
          : v === "b"
            ? f.b.submitted.reference
            : v === "guessed"
              ? guessedReference()
              : badCheckDigit(f.a.submitted.reference);
      return `/${l}/employer/reports/by-ref/${ref}`;
    },
    variants: ["a", "b", "guessed", "checkdigit"],
    // Found: a redirect to the report's page. Another establishment's reference reads as no such reference.
    expect: employerGate(ownObject(/\/employer\/reports\/[0-9a-f-]{36}$/)),
  },

  // The worker's pages.
  "/[locale]/worker": page(
    "/worker",
    workerGate(() => 200),
  ),
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
    url: (_f, l, v) =>
      `/${l}/admin/queues/${v === "a" ? "reports" : v === "b" ? "grievances" : "no-such-queue"}`,
    variants: ["a", "b", "garbage"],
    // A queue that does not exist is a 404 for any staff (the kinds of queue are no secret); the queues
    // themselves are the reviewers'.
    expect: (c) =>
      c.actor === "anonymous"
        ? "signin:staff"
        : !isStaff(c.actor)
          ? "forbidden"
          : c.variant === "garbage"
            ? 404
            : staffMay(c.actor, ["reviewer"])
              ? 200
              : "forbidden",
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
    expect: (c) =>
      isStaff(c.actor)
        ? c.variant === "a" || c.variant === "b"
          ? 200
          : 404
        : isEmployer(c.actor)
          ? ownObject(200)(c)
          : 404,
  },
  "/api/admin/export/reports": {
    url: () => "/api/admin/export/reports",
    variants: NO_VARIANTS,
    expect: ({ actor }) => (isStaff(actor) ? 200 : 404),
  },
  "/api/admin/export/refunds": {
    url: () => "/api/admin/export/refunds",
    variants: NO_VARIANTS,
    expect: ({ actor }) => (staffMay(actor, ["finance"]) ? 200 : 404),
  },
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
  // Demo mode only: one recorded e-mail as its own document (the outbox page frames it; security.spec opens a real
  // one). An id that is not a recorded e-mail is 404 to everyone.
  "/api/dev/outbox/[id]": {
    url: (_f, _l, v) => `/api/dev/outbox/${v === "random" ? crypto.randomUUID() : "not-an-id"}`,
    variants: ["random", "garbage"],
    expect: () => 404,
  },
  // Machine-to-machine endpoints: no session matters. Without their secrets configured (as here) they are off.
  "/api/notifications/callback/email": {
    url: () => "/api/notifications/callback/email",
    variants: NO_VARIANTS,
    expect: () => 404,
    method: "POST",
  },
  "/api/notifications/callback/sms": {
    url: () => "/api/notifications/callback/sms",
    variants: NO_VARIANTS,
    expect: () => 404,
    method: "POST",
  },
  "/api/webhooks/stripe": {
    url: () => "/api/webhooks/stripe",
    variants: NO_VARIANTS,
    expect: () => 503,
    method: "POST",
  },
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
  return retryOnReset(() =>
    spec.method === "POST"
      ? request.post(url, {
          headers: { ...headers, "Content-Type": "application/json" },
          data: "{}",
          maxRedirects: 0,
          failOnStatusCode: false,
        })
      : request.get(url, { headers, maxRedirects: 0, failOnStatusCode: false }),
  );
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
  expect(
    pages.filter((p) => !(p in ROUTES)),
    "pages with no matrix entry",
  ).toEqual([]);
  expect(
    handlers.filter((h) => !(h in HANDLERS)),
    "route handlers with no matrix entry",
  ).toEqual([]);
  expect(
    Object.keys(ROUTES).filter((r) => !pages.includes(r)),
    "matrix entries with no page",
  ).toEqual([]);
  expect(
    Object.keys(HANDLERS).filter((r) => !handlers.includes(r)),
    "matrix entries with no handler",
  ).toEqual([]);
});

test("every route × every kind of user: exactly the expected answer", async ({ playwright, baseURL }) => {
  test.setTimeout(360_000);
  const cells: { route: string; actor: ActorName; variant: Variant; url: string; want: Expect }[] = [];
  for (const [route, spec] of [...Object.entries(ROUTES), ...Object.entries(HANDLERS)]) {
    ACTORS.forEach((actor, i) => {
      const locale = i % 2 === 0 ? "ar" : "en";
      for (const variant of spec.variants)
        cells.push({
          route,
          actor,
          variant,
          url: spec.url(fx, locale, variant),
          want: spec.expect({ actor, variant }),
        });
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
        if (!matches(c.want, got))
          wrong.push(
            `${c.route} [${c.variant}] as ${c.actor}: expected ${describe(c.want)}, got ${got} (${c.url})`,
          );
      }),
    );
  }
  for (const c of clients.values()) await c.dispose();
  console.log(
    `route matrix: ${cells.length} requests (${Object.keys(ROUTES).length} pages + ${Object.keys(HANDLERS).length} handlers × ${ACTORS.length} users × variants) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(wrong, `${wrong.length} of ${cells.length} cells differ`).toEqual([]);
});

test("another establishment's report, by id or by reference, reads exactly like one that does not exist", async ({
  request,
}) => {
  const cookie = fx.cookies.employerB;
  const checks: [string, string, string[]][] = [];
  const missingId = randomId();
  for (const suffix of ["", "/cancel", "/confirmation", "/pay", "/refund", "/edit/check"]) {
    const theirs =
      suffix === "/pay"
        ? fx.a.awaiting.id
        : suffix === "/refund"
          ? fx.a.old.id
          : suffix === "/edit/check"
            ? fx.a.draft.id
            : fx.a.submitted.id;
    checks.push([
      `/en/employer/reports/${theirs}${suffix}`,
      `/en/employer/reports/${missingId}${suffix}`,
      [theirs, missingId],
    ]);
  }
  const guessed = guessedReference();
  checks.push([
    `/en/employer/reports/by-ref/${fx.a.submitted.reference}`,
    `/en/employer/reports/by-ref/${guessed}`,
    [fx.a.submitted.reference, guessed],
  ]);
  checks.push([
    `/en/dev/pay/${fx.a.awaiting.sessionId}`,
    `/en/dev/pay/local_cs_doesnotexist`,
    [fx.a.awaiting.sessionId, "local_cs_doesnotexist"],
  ]);
  checks.push([
    `/api/evidence/${fx.a.evidenceId}`,
    `/api/evidence/${missingId}`,
    [fx.a.evidenceId, missingId],
  ]);
  for (const [theirs, missing, ids] of checks) {
    const [r1, r2] = await Promise.all([
      request.get(theirs, { headers: { Cookie: cookie! }, maxRedirects: 0 }),
      request.get(missing, { headers: { Cookie: cookie! }, maxRedirects: 0 }),
    ]);
    expect(r1.status(), theirs).toBe(404);
    expect(r2.status(), missing).toBe(404);
    expect(visibleText(await r1.text(), ids), `${theirs} vs ${missing}`).toBe(
      visibleText(await r2.text(), ids),
    );
  }
  // And the worker: another worker's report is a 404 like a missing one.
  const w = fx.cookies.worker!;
  const [r1, r2] = await Promise.all([
    request.get(`/en/worker/reports/${fx.b.approved.id}`, { headers: { Cookie: w }, maxRedirects: 0 }),
    request.get(`/en/worker/reports/${missingId}`, { headers: { Cookie: w }, maxRedirects: 0 }),
  ]);
  expect([r1.status(), r2.status()]).toEqual([404, 404]);
  expect(visibleText(await r1.text(), [fx.b.approved.id, missingId])).toBe(
    visibleText(await r2.text(), [fx.b.approved.id, missingId]),
  );
});

// ---------------------------------------------------------------------------------------------------------
// Server actions
// ---------------------------------------------------------------------------------------------------------

test("every server action in the source and in the build is in the matrix", () => {
  const source = actionsInSource();
  const build = [...actionsInBuild().keys()].sort();
  expect(
    source.filter((a) => !(a in ACTIONS)),
    "actions in the source with no matrix entry",
  ).toEqual([]);
  expect(
    build.filter((a) => !(a in ACTIONS)),
    "actions in the build with no matrix entry",
  ).toEqual([]);
  expect(
    Object.keys(ACTIONS).filter((a) => !build.includes(a)),
    "matrix entries not in the build",
  ).toEqual([]);
});

const REFUSED = new Set(["signin", "forbidden", "notfound", "refused"]);

test("every server action × every kind of user: the right users get through, everyone else is refused and nothing changes", async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(360_000);
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
          outcome = await callAction(client, baseURL!, {
            id,
            page: spec.page(fx),
            shape: spec.shape,
            fields,
            cookie,
          });
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
      const changed = changedTables(before, after).filter(
        (t) =>
          !(spec.endsSession && cookie && t === "audit_events" && name.endsWith("#signOutEverywhereAction")),
      );
      if (spec.endsSession && cookie) fx.cookies[actor] = await sessionCookieFor(actor);
      const label = `${name} as ${actor} (${attacking ? "attack" : "probe"})`;
      if (outcome.kind === "error5xx") wrong.push(`${label}: HTTP ${outcome.status}`);
      else if (attacking && !REFUSED.has(outcome.kind) && !spec.refusedAlso?.(outcome))
        wrong.push(`${label}: not refused: ${JSON.stringify(outcome)}`);
      else if (!attacking && allowed && !(spec.probeKinds ?? ["invalid"]).includes(outcome.kind))
        wrong.push(
          `${label}: expected ${(spec.probeKinds ?? ["invalid"]).join("|")}, got ${JSON.stringify(outcome)}`,
        );
      else if (!attacking && !allowed && !REFUSED.has(outcome.kind) && outcome.kind !== "invalid")
        wrong.push(`${label}: not refused: ${JSON.stringify(outcome)}`);
      if (changed.length > 0)
        wrong.push(`${label}: changed ${changed.join(", ")} (${JSON.stringify(outcome)})`);
    }
    table.push(`  ${name.replace(/^lib\//, "")}: ${row.join(" ")}`);
  }
  console.log(table.join("\n"));
  console.log(
    `action matrix: ${Object.keys(ACTIONS).length} actions × ${ACTORS.length} users = ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
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
