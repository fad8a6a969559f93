/**
 * The five fault scenarios of `npm run faults` (see scripts/faults.ts). Each drives the running app over HTTP
 * like a browser without JavaScript, injects its fault, and then checks the database and the stand-ins'
 * counters. Imported only after DATABASE_URL points at the scenarios' own cluster.
 */
import { readFileSync } from "node:fs";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { deposits, notifications } from "@/db/schema";
import type { SmsStandIn } from "../../tests/sms-stand-in/server";
import { startStripeStandIn, type StripeStandIn } from "../../tests/stripe-stand-in/server";
import { HttpError, NoJsBrowser } from "./browser";
import {
  approvedRefundRequest,
  createAwaitingReports,
  createEstablishmentWithOwner,
  inconsistencies,
  reportFacts,
  type FaultEstablishment,
  type ReportFacts,
} from "./fixtures";
import type { FaultsCluster } from "./pg";
import { runOnce, startApp, startWorker, type Managed } from "./processes";

export type ScenarioResult = {
  name: string;
  attempted: number;
  completed: number;
  refused: number;
  lost: number;
  problems: string[];
  notes: string[];
  ms: number;
};

export type Options = {
  quick: boolean;
  /** How long the SMS gateway stays down (scenario 2), seconds. */
  smsOutageSeconds: number;
  /** How long PostgreSQL stays stopped (scenario 1), seconds. */
  pgOutageSeconds: number;
  ports: { appA: number; appB: number; app1: number; app2: number };
};

export type Shared = {
  cluster: FaultsCluster;
  sms: SmsStandIn;
  baseEnv: Record<string, string>;
  /** Every process started, so that the runner can stop them whatever happens. */
  processes: Set<Managed>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function track<T extends Managed>(shared: Shared, p: T): T {
  shared.processes.add(p);
  return p;
}

async function signIn(b: NoJsBrowser, est: FaultEstablishment): Promise<void> {
  const page = await b.get("/ar/sign-in/employer");
  const after = await b.submit(page, 'name="password"', { email: est.email, password: est.password });
  if (!new URL(after.url).pathname.startsWith("/ar/employer"))
    throw new Error(`sign-in did not reach the dashboard (${after.status} ${after.url})`);
}

type Outcome = { kind: "completed" } | { kind: "refused"; why: string } | { kind: "hung"; why: string };

/** Pay a report's deposit through the local test gateway: the real submission, three HTTP round trips. */
async function submitLocal(b: NoJsBrowser, reportId: string): Promise<Outcome> {
  try {
    const pay = await b.get(`/ar/employer/reports/${reportId}/pay`);
    if (pay.status !== 200) return { kind: "refused", why: `pay page answered ${pay.status}` };
    if (!pay.html.includes('data-testid="pay-button"')) {
      return new URL(pay.url).pathname.endsWith("/confirmation")
        ? { kind: "completed" }
        : { kind: "refused", why: `no pay button at ${pay.url}` };
    }
    const started = await b.post(pay, 'data-testid="pay-button"');
    if (!started.location) return { kind: "refused", why: `pay answered ${started.page?.status}` };
    if (started.location.includes("/confirmation")) return { kind: "completed" };
    const gateway = await b.get(started.location);
    if (gateway.status !== 200) return { kind: "refused", why: `gateway page answered ${gateway.status}` };
    const decided = await b.post(gateway, 'value="approve"');
    if (!decided.location?.includes("/confirmation"))
      return { kind: "refused", why: `approve answered ${decided.page?.status ?? decided.location}` };
    return { kind: "completed" };
  } catch (e) {
    if (e instanceof HttpError && e.status === null && e.message.startsWith("no answer"))
      return { kind: "hung", why: e.message };
    return { kind: "refused", why: (e as Error).message };
  }
}

function checkConsistency(facts: ReportFacts[], result: ScenarioResult, expectSubmitted: boolean): void {
  for (const f of facts) {
    const problems = inconsistencies(f);
    if (expectSubmitted && f.status !== "submitted") problems.push(`ends ${f.status}, not submitted`);
    if (problems.length > 0) {
      result.lost += 1;
      result.problems.push(`report ${f.id.slice(0, 8)}: ${problems.join("; ")}`);
    }
  }
}

/** Waits until every notification of these reports has left the outbox (delivered); returns how long it took. */
async function waitDelivered(
  reportIds: string[],
  timeoutMs: number,
): Promise<{ ok: boolean; ms: number; undelivered: ReportFacts["notifications"] }> {
  const start = Date.now();
  for (;;) {
    const facts = await reportFacts(reportIds);
    const undelivered = facts.flatMap((f) => f.notifications).filter((n) => n.status !== "delivered");
    if (undelivered.length === 0) return { ok: true, ms: Date.now() - start, undelivered };
    if (Date.now() - start > timeoutMs) return { ok: false, ms: Date.now() - start, undelivered };
    await sleep(500);
  }
}

/** Every SMS of these reports reached the gateway exactly once, and nothing else did. */
function checkSmsExactlyOnce(
  sms: SmsStandIn,
  facts: ReportFacts[],
  result: ScenarioResult,
  sinceIndex: number,
): number {
  const rows = facts.flatMap((f) => f.notifications).filter((n) => n.channel === "sms");
  const counts = new Map<string, number>();
  for (const d of sms.deliveries.slice(sinceIndex))
    counts.set(d.reference, (counts.get(d.reference) ?? 0) + 1);
  for (const n of rows) {
    const c = counts.get(n.id) ?? 0;
    if (c !== 1) {
      if (c === 0) result.lost += 1;
      result.problems.push(`SMS ${n.id.slice(0, 8)} reached the gateway ${c} times`);
    }
  }
  const ours = new Set(rows.map((n) => n.id));
  const stray = [...counts.keys()].filter((r) => !ours.has(r));
  if (stray.length > 0)
    result.notes.push(`${stray.length} other SMS (not of these reports) also reached the gateway`);
  return rows.length;
}

function newResult(name: string): ScenarioResult {
  return { name, attempted: 0, completed: 0, refused: 0, lost: 0, problems: [], notes: [], ms: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// 1. PostgreSQL restarted during a stream of submissions
// ---------------------------------------------------------------------------------------------------------

export async function pgRestart(
  shared: Shared,
  opts: Options,
  app: Managed & { url: string },
): Promise<ScenarioResult> {
  const result = newResult("1. PostgreSQL restarted during submissions");
  const count = opts.quick ? 15 : 30;
  const clients = 3;
  const est = await createEstablishmentWithOwner("pg");
  const ids = await createAwaitingReports(est, count);
  result.attempted = count;

  const browsers = [new NoJsBrowser(app.url, 20_000)];
  await signIn(browsers[0]!, est);
  for (let i = 1; i < clients; i++) {
    const b = new NoJsBrowser(app.url, 20_000);
    b.adoptCookies(browsers[0]!);
    browsers.push(b);
  }

  const queue = [...ids];
  const outcomes = new Map<string, Outcome>();
  const during: Outcome[] = [];
  let pgDown = false;
  let downAt = 0;
  let upAt = 0;
  const fault = (async () => {
    // Let a third of the stream through first.
    while (outcomes.size < count / 3) await sleep(50);
    await shared.cluster.stop("fast");
    pgDown = true;
    downAt = Date.now();
    await sleep(opts.pgOutageSeconds * 1000);
    await shared.cluster.start();
    pgDown = false;
    upAt = Date.now();
  })();

  const slowest = { ms: 0 };
  await Promise.all(
    browsers.map(async (b) => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const t = Date.now();
        const wasDown = pgDown;
        const o = await submitLocal(b, id);
        slowest.ms = Math.max(slowest.ms, Date.now() - t);
        outcomes.set(id, o);
        if (wasDown || pgDown) during.push(o);
        // A steady stream that spans the outage: about one submission per client every 300 ms.
        await sleep(pgDown ? 400 : 300);
      }
    }),
  );
  await fault;

  const firstTry = [...outcomes.values()];
  result.completed = firstTry.filter((o) => o.kind === "completed").length;
  result.refused = firstTry.filter((o) => o.kind === "refused").length;
  const hung = firstTry.filter((o) => o.kind === "hung");
  for (const h of hung) result.problems.push(`a submission hung: ${h.kind === "hung" ? h.why : ""}`);
  result.notes.push(
    `PostgreSQL stopped (-m fast) after about ${Math.ceil(count / 3)} submissions, down ${secs(upAt - downAt)}; ` +
      `${during.length} submissions tried while down or stopping; slowest answer ${secs(slowest.ms)}`,
  );
  const reasons = new Map<string, number>();
  for (const o of firstTry) if (o.kind === "refused") reasons.set(o.why, (reasons.get(o.why) ?? 0) + 1);
  for (const [why, n] of reasons) result.notes.push(`refused ×${n}: ${why}`);

  // Nothing half-written: each report is either submitted with everything, or untouched.
  checkConsistency(await reportFacts(ids), result, false);

  // Recovery without restarting the app: the refused ones are tried again (the employer clicks Pay again).
  const retried = [...outcomes].filter(([, o]) => o.kind !== "completed").map(([id]) => id);
  let recovered = 0;
  const recoverStart = Date.now();
  for (const id of retried) {
    let o: Outcome = { kind: "refused", why: "not tried" };
    for (let attempt = 0; attempt < 5 && o.kind !== "completed"; attempt++) {
      o = await submitLocal(browsers[0]!, id);
      if (o.kind !== "completed") await sleep(1_000);
    }
    if (o.kind === "completed") recovered += 1;
    else
      result.problems.push(
        `report ${id.slice(0, 8)} still refused after PostgreSQL came back: ${"why" in o ? o.why : ""}`,
      );
  }
  if (app.exited()) result.problems.push("the app process exited");
  result.notes.push(
    `after PostgreSQL returned: ${recovered}/${retried.length} refused submissions completed on retry (${secs(Date.now() - recoverStart)}), same app process (pid ${app.pid})`,
  );

  const finalFacts = await reportFacts(ids);
  const before = result.lost;
  checkConsistency(finalFacts, result, true);
  if (result.lost > before) result.notes.push("(counted again after the retries)");

  // The job runner inside the app recovered too: every message of these reports goes out.
  const delivered = await waitDelivered(ids, 30_000);
  if (!delivered.ok) {
    result.lost += delivered.undelivered.length;
    result.problems.push(
      `${delivered.undelivered.length} notifications still undelivered 30 s after the restart (${delivered.undelivered.map((n) => n.status).join(",")})`,
    );
  } else
    result.notes.push(
      `all ${finalFacts.flatMap((f) => f.notifications).length} notifications delivered (${secs(delivered.ms)} after the checks)`,
    );
  checkSmsExactlyOnce(shared.sms, await reportFacts(ids), result, 0);

  // The commit-time nudge (LISTEN/NOTIFY) works again, not only the scheduled sweep every few seconds: one
  // more submission, once the listener's own check has had time to run, is sent within a couple of seconds.
  const [probe] = await createAwaitingReports(est, 1);
  await sleep(Math.max(0, upAt + 20_000 - Date.now()));
  const probed = await submitLocal(browsers[0]!, probe!);
  if (probed.kind !== "completed")
    result.problems.push(`a submission 20 s after the restart failed: ${"why" in probed ? probed.why : ""}`);
  const probeDelivered = await waitDelivered([probe!], 15_000);
  const [sent] = await db
    .select({ createdAt: notifications.createdAt, deliveredAt: notifications.deliveredAt })
    .from(notifications)
    .where(and(eq(notifications.entityId, probe!), eq(notifications.channel, "sms")));
  const lagMs = sent?.deliveredAt ? sent.deliveredAt.getTime() - sent.createdAt.getTime() : null;
  if (!probeDelivered.ok || lagMs === null)
    result.problems.push("the SMS of a submission after the restart was not delivered");
  else if (lagMs > 2_500)
    result.problems.push(
      `after the restart an SMS waited ${secs(lagMs)} (the commit-time nudge is not working; only the sweep sends)`,
    );
  else
    result.notes.push(
      `after the restart a new SMS left ${secs(lagMs)} after its commit (the LISTEN nudge works again)`,
    );
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// 2. The SMS gateway down
// ---------------------------------------------------------------------------------------------------------

export async function smsOutage(
  shared: Shared,
  opts: Options,
  app: Managed & { url: string },
  retryBaseSeconds: number,
): Promise<ScenarioResult> {
  const result = newResult(`2. SMS gateway down for ${opts.smsOutageSeconds} s`);
  const count = opts.quick ? 5 : 10;
  const est = await createEstablishmentWithOwner("sms");
  const ids = await createAwaitingReports(est, count);
  result.attempted = count;
  const b = new NoJsBrowser(app.url, 20_000);
  await signIn(b, est);
  const since = shared.sms.deliveries.length;

  const outageMs = opts.smsOutageSeconds * 1000;
  await shared.sms.setMode("down");
  const downAt = Date.now();
  // Submissions spread over the first 60% of the outage; the first half of it refuses connections, the second
  // answers 503 (a gateway that is up but broken).
  const spacing = (outageMs * 0.6) / count;
  let failingSwitched = false;
  for (const id of ids) {
    const o = await submitLocal(b, id);
    if (o.kind === "completed") result.completed += 1;
    else {
      result.refused += 1;
      result.problems.push(
        `submission ${id.slice(0, 8)} failed while only the SMS gateway was down: ${"why" in o ? o.why : ""}`,
      );
    }
    if (!failingSwitched && Date.now() - downAt > outageMs / 2) {
      await shared.sms.setMode("failing");
      failingSwitched = true;
    }
    await sleep(Math.max(0, spacing - 200));
  }
  const queuedFacts = await reportFacts(ids);
  const smsRows = queuedFacts.flatMap((f) => f.notifications).filter((n) => n.channel === "sms");
  const deliveredEarly = smsRows.filter((n) => n.status === "delivered").length;
  if (deliveredEarly > 0)
    result.problems.push(`${deliveredEarly} SMS marked delivered while the gateway was down`);
  for (;;) {
    const left = outageMs - (Date.now() - downAt);
    if (left <= 0) break;
    if (!failingSwitched && left <= outageMs / 2) {
      await shared.sms.setMode("failing");
      failingSwitched = true;
    }
    await sleep(Math.min(left, 1_000));
  }
  const [attemptsRow] = await db
    .select({ attempts: notifications.attempts, status: notifications.status })
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        smsRows.map((n) => n.id),
      ),
    );
  await shared.sms.setMode("up");
  const upAt = Date.now();
  result.notes.push(
    `${smsRows.length} SMS queued during the outage (refused connections, then 503); ${shared.sms.refused()} attempts answered 503 in all; an SMS had ${attemptsRow?.attempts ?? "?"} attempts when it returned`,
  );

  // Bounded: a message's next retry comes at most one backoff delay (≤ max(base, outage)) after recovery.
  const boundMs = Math.max(retryBaseSeconds, opts.smsOutageSeconds) * 1000 + 20_000;
  const delivered = await waitDelivered(ids, boundMs);
  if (!delivered.ok) {
    result.lost += delivered.undelivered.length;
    result.problems.push(
      `${delivered.undelivered.length} notifications not delivered ${secs(boundMs)} after the gateway returned`,
    );
  }
  const lastSms = shared.sms.deliveries.slice(since).reduce((m, d) => Math.max(m, d.at), upAt);
  result.notes.push(
    `all SMS at the gateway ${secs(lastSms - upAt)} after it returned (bound ${secs(boundMs)}, retry base ${retryBaseSeconds} s)`,
  );
  const facts = await reportFacts(ids);
  checkSmsExactlyOnce(shared.sms, facts, result, since);
  checkConsistency(facts, result, true);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// 3 and 4: Stripe
// ---------------------------------------------------------------------------------------------------------

export const WEBHOOK_SECRET = "whsec_faults_scenarios_0123456789";

async function deliverWebhook(
  appUrl: string,
  stand: StripeStandIn,
  event: ReturnType<StripeStandIn["event"]>,
): Promise<{ status: number | null; body: string }> {
  const { body, signature } = stand.signedEvent(event, WEBHOOK_SECRET);
  try {
    const res = await fetch(`${appUrl}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signature },
      body,
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    return { status: null, body: (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name };
  }
}

/** Starts Stripe Checkout for a report over HTTP; returns the Checkout Session id the app redirected to. */
async function startStripeCheckout(b: NoJsBrowser, reportId: string, stand: StripeStandIn): Promise<string> {
  const pay = await b.get(`/ar/employer/reports/${reportId}/pay`);
  const started = await b.post(pay, 'data-testid="pay-button"');
  const loc = started.location ?? "";
  if (!loc.startsWith(`http://127.0.0.1:${stand.port}/`))
    throw new Error(`pay did not redirect to Stripe Checkout (${loc || started.page?.status})`);
  return loc.split("/").pop()!;
}

export function stripeAppEnv(stand: StripeStandIn): Record<string, string> {
  return { ...stand.env, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };
}

export async function killedBeforeWebhook(
  shared: Shared,
  opts: Options,
  stand: StripeStandIn,
  appEnv: Record<string, string>,
  first: Managed & { url: string },
): Promise<{ result: ScenarioResult; app: Managed & { url: string } }> {
  const result = newResult("3. App killed between payment and webhook");
  const count = opts.quick ? 2 : 4;
  const est = await createEstablishmentWithOwner("kill");
  const ids = await createAwaitingReports(est, count);
  result.attempted = count;
  const b = new NoJsBrowser(first.url, 20_000);
  await signIn(b, est);
  const sessions = new Map<string, string>();
  for (const id of ids) sessions.set(id, await startStripeCheckout(b, id, stand));

  await first.kill();
  const events = [];
  for (const sid of sessions.values()) {
    stand.markSessionPaid(sid);
    const event = stand.event("checkout.session.completed", stand.session(sid)!);
    events.push(event);
    const delivered = await deliverWebhook(first.url, stand, event);
    if (delivered.status !== null)
      result.problems.push(`the webhook reached a killed app (${delivered.status})`);
  }
  result.notes.push(
    `app SIGKILLed with ${count} Checkout Sessions open; the sessions were paid and their webhooks refused (connection refused)`,
  );

  const app = track(shared, await startApp(`${first.name}-restarted`, opts.ports.appB, appEnv));
  const before = await reportFacts(ids);
  const stillWaiting = before.filter(
    (f) => f.status === "awaiting_payment" && f.deposits.every((d) => d.status === "pending"),
  ).length;
  result.notes.push(
    `after the restart, before reconciliation: ${stillWaiting}/${count} reports still awaiting payment (as expected: nothing told the app)`,
  );

  const t = Date.now();
  const rec = await runOnce(
    process.execPath,
    ["--import", "tsx", "scripts/reconcile.ts", "--older-than=0"],
    { ...shared.baseEnv, ...appEnv },
    60_000,
  );
  const summaryLine = rec.output.split("\n").find((l) => l.startsWith("{") && l.includes('"checked"')) ?? "";
  result.notes.push(
    `npm run payments:reconcile -- --older-than=0: exit ${rec.code}, ${summaryLine || "no summary"} (${secs(Date.now() - t)})`,
  );
  if (rec.code !== 0) result.problems.push(`reconciliation exited ${rec.code}: ${rec.output.slice(-500)}`);

  const after = await reportFacts(ids);
  checkConsistency(after, result, true);
  result.completed = after.filter((f) => f.status === "submitted").length;
  for (const f of after) {
    const captured = f.deposits.filter((d) => d.status === "paid").length;
    if (captured !== 1) result.problems.push(`report ${f.id.slice(0, 8)} has ${captured} captured deposits`);
  }
  const sessionsCreated = stand.requests.filter(
    (r) => r.method === "POST" && r.path === "/v1/checkout/sessions",
  ).length;
  result.notes.push(`Checkout Sessions created at the stand-in in this run so far: ${sessionsCreated}`);

  // Stripe retries the webhook later: nothing changes, nothing is sent twice.
  const retries = await Promise.all(events.map((e) => deliverWebhook(app.url, stand, e)));
  const outcomes = retries.map((r) =>
    r.status === 200 ? (JSON.parse(r.body) as { outcome: string }).outcome : `HTTP ${r.status}`,
  );
  result.notes.push(`late webhooks after reconciliation: ${outcomes.join(", ")}`);
  if (retries.some((r) => r.status !== 200)) result.problems.push("a late webhook was not accepted");
  const final = await reportFacts(ids);
  if (JSON.stringify(normalise(final)) !== JSON.stringify(normalise(after)))
    result.problems.push("a late webhook changed the state after reconciliation");
  const delivered = await waitDelivered(ids, 30_000);
  if (!delivered.ok) {
    result.lost += delivered.undelivered.length;
    result.problems.push(
      `${delivered.undelivered.length} notifications undelivered 30 s after reconciliation`,
    );
  }
  return { result, app };
}

/** The comparable part of a report's state: statuses and the multiset of messages, without ids or times. */
function normalise(facts: ReportFacts[]) {
  return facts.map((f) => ({
    status: f.status,
    submitted: Boolean(f.submittedAt),
    deposits: f.deposits.map((d) => `${d.provider}:${d.status}:${d.refundedBaisa}`).sort(),
    notifications: f.notifications.map((n) => `${n.channel}:${n.template}`).sort(),
  }));
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export async function webhookChaos(
  shared: Shared,
  opts: Options,
  stand: StripeStandIn,
  app: Managed & { url: string },
): Promise<ScenarioResult> {
  const result = newResult("4. Duplicate and out-of-order Stripe webhooks");
  const est = await createEstablishmentWithOwner("hooks");
  const rounds = opts.quick ? 1 : 3;
  const b = new NoJsBrowser(app.url, 20_000);
  await signIn(b, est);
  const { executeRefund } = await import("@/lib/payments/refunds");
  const { stripeProvider } = await import("@/lib/payments/stripe");
  let deliveries = 0;
  const allReports: string[] = [];
  const send = async (e: ReturnType<StripeStandIn["event"]>) => {
    deliveries++;
    const r = await deliverWebhook(app.url, stand, e);
    if (r.status !== 200) result.problems.push(`${e.type} answered ${r.status} ${r.body.slice(0, 200)}`);
    return r;
  };

  for (let round = 0; round < rounds; round++) {
    const [control, chaos] = await createAwaitingReports(est, 2);
    allReports.push(control!, chaos!);
    result.attempted += 2;
    const sidA = await startStripeCheckout(b, control!, stand);
    const sidB = await startStripeCheckout(b, chaos!, stand);
    stand.markSessionPaid(sidA);
    stand.markSessionPaid(sidB);

    // Control: one completed event, in order.
    await send(stand.event("checkout.session.completed", stand.session(sidA)!));
    // Chaos: an expired event first (out of order: the session is paid), the same completed event three
    // times at once, a second completed event, and async_payment_succeeded, shuffled and concurrent.
    const completed = stand.event("checkout.session.completed", stand.session(sidB)!);
    await send(stand.event("checkout.session.expired", { ...stand.session(sidB)!, status: "expired" }));
    await Promise.all(
      shuffle([
        completed,
        completed,
        completed,
        stand.event("checkout.session.completed", stand.session(sidB)!),
        stand.event("checkout.session.async_payment_succeeded", stand.session(sidB)!),
      ]).map(send),
    );
    await send(completed);

    // Refunds approved by finance, executed through Stripe (pending at first), then settled by webhooks.
    stand.refundOutcome = "pending";
    const refundIds: string[] = [];
    for (const reportId of [control!, chaos!]) {
      const { request, deposit } = await approvedRefundRequest(reportId, est.ownerId);
      const executed = await executeRefund(stripeProvider, {
        refundRequestId: request.id,
        depositId: deposit.id,
        amountBaisa: request.amountBaisa,
      });
      if (!executed.ok) throw new Error(`refund could not be executed: ${executed.code}`);
      refundIds.push(executed.refundId);
      stand.setRefundStatus(executed.refundId, "succeeded");
    }
    const [refundA, refundB] = refundIds as [string, string];
    await send(stand.event("refund.updated", stand.refund(refundA)!));
    const refundUpdated = stand.event("refund.updated", stand.refund(refundB)!);
    const chargeRefunded = stand.event("charge.refunded", stand.chargeOf(sidB));
    // charge.refunded before refund.updated, both twice, with a stale refund.created (pending) arriving last.
    await Promise.all([send(chargeRefunded), send(chargeRefunded)]);
    await Promise.all(
      shuffle([refundUpdated, refundUpdated, stand.event("refund.updated", stand.refund(refundB)!)]).map(
        send,
      ),
    );
    await send(stand.event("refund.created", { ...stand.refund(refundB)!, status: "pending" }));
    await send(stand.event("checkout.session.completed", stand.session(sidB)!));

    const [a, c] = await reportFacts([control!, chaos!]);
    const na = normalise([a!]);
    const nc = normalise([c!]);
    if (JSON.stringify(na) !== JSON.stringify(nc)) {
      result.lost += 1;
      result.problems.push(
        `round ${round + 1}: final states differ\n      in order: ${JSON.stringify(na)}\n      chaos:    ${JSON.stringify(nc)}`,
      );
    } else result.completed += 2;
    for (const f of [a!, c!]) {
      const problems = inconsistencies(f);
      if (problems.length) result.problems.push(`report ${f.id.slice(0, 8)}: ${problems.join("; ")}`);
      if (f.deposits.filter((d) => d.status === "refunded").length !== 1)
        result.problems.push(`report ${f.id.slice(0, 8)}: deposit not refunded exactly once`);
    }
    const refundsAtStripe = [sidA, sidB].map((sid) => {
      const charge = stand.chargeOf(sid) as { amount: number; amount_refunded: number };
      return charge.amount_refunded / charge.amount;
    });
    if (refundsAtStripe.some((x) => x !== 1))
      result.problems.push(
        `refunded at Stripe: ${refundsAtStripe.join(", ")} of the charge (want exactly 1)`,
      );
    if (round === 0) result.notes.push(`round 1 final state (both): ${JSON.stringify(na[0])}`);
  }
  const refundsCreated = stand.requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds").length;
  result.notes.push(
    `${rounds} round(s), ${deliveries} webhook deliveries; refunds created at Stripe: ${refundsCreated} for ${rounds * 2} refund requests`,
  );
  if (refundsCreated !== rounds * 2)
    result.problems.push(`${refundsCreated} refunds created at Stripe for ${rounds * 2} requests`);
  // Every message of these reports leaves the outbox (the outbox provider stands for SMS and e-mail here).
  const delivered = await waitDelivered(allReports, 20_000);
  if (!delivered.ok) {
    result.lost += delivered.undelivered.length;
    result.problems.push(
      `${delivered.undelivered.length} notifications undelivered 20 s after the last webhook`,
    );
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// 5. Two app instances and separate workers on one database
// ---------------------------------------------------------------------------------------------------------

function countDispatches(logFile: string, ids: Set<string>): number {
  let n = 0;
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes("notification dispatched")) continue;
    try {
      const j = JSON.parse(line) as { notificationId?: string; outcome?: string };
      if (j.notificationId && ids.has(j.notificationId) && j.outcome === "delivered") n++;
    } catch {
      // Not a JSON line.
    }
  }
  return n;
}

export async function twoInstances(shared: Shared, opts: Options): Promise<ScenarioResult> {
  const result = newResult("5. Two app instances and separate workers");
  const env = { ...shared.baseEnv, JOBS_IN_PROCESS: "false", SMS_GATEWAY_URL: shared.sms.url };
  const [app1, app2] = await Promise.all([
    startApp("s5-app1", opts.ports.app1, env).then((p) => track(shared, p)),
    startApp("s5-app2", opts.ports.app2, env).then((p) => track(shared, p)),
  ]);
  const workerEnv = { ...env, LOG_LEVEL: "info" };
  const workers = [
    track(shared, startWorker("s5-worker1", workerEnv)),
    track(shared, startWorker("s5-worker2", workerEnv)),
  ];

  // Sessions: signed in on instance 1, used on instance 2; signed out on 2, refused on 1.
  const est = await createEstablishmentWithOwner("two");
  const on1 = new NoJsBrowser(app1.url);
  await signIn(on1, est);
  const on2 = new NoJsBrowser(app2.url);
  on2.adoptCookies(on1);
  const dash2 = await on2.get("/ar/employer");
  const sessionWorks = dash2.status === 200 && new URL(dash2.url).pathname === "/ar/employer";
  if (!sessionWorks)
    result.problems.push(
      `a session from instance 1 was not accepted by instance 2 (${dash2.status} ${dash2.url})`,
    );
  const stolen = new NoJsBrowser(app1.url);
  stolen.adoptCookies(on1);
  const signedOut = await on2.submit(dash2, "تسجيل الخروج");
  const after1 = await stolen.get("/ar/employer");
  const revoked = new URL(after1.url).pathname.startsWith("/ar/sign-in");
  if (!revoked)
    result.problems.push(
      `after signing out on instance 2, the same cookie still opened the dashboard on instance 1 (${after1.url})`,
    );
  result.notes.push(
    `session from instance 1 accepted by instance 2: ${sessionWorks ? "yes" : "NO"}; sign-out on 2 (landed on ${new URL(signedOut.url).pathname}) honoured on 1: ${revoked ? "yes" : "NO"}`,
  );

  // A burst of submissions over both instances at once; the two workers send every message.
  const count = opts.quick ? 12 : 30;
  const ids = await createAwaitingReports(est, count);
  result.attempted = count;
  const b1 = new NoJsBrowser(app1.url);
  await signIn(b1, est);
  const b2 = new NoJsBrowser(app2.url);
  await signIn(b2, est);
  const since = shared.sms.deliveries.length;
  const queue = [...ids];
  const t = Date.now();
  await Promise.all(
    [b1, b2, b1, b2].map(async (b) => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const o = await submitLocal(b, id);
        if (o.kind === "completed") result.completed++;
        else {
          result.refused++;
          result.problems.push(`submission ${id.slice(0, 8)}: ${o.why}`);
        }
      }
    }),
  );
  const burstMs = Date.now() - t;
  const delivered = await waitDelivered(ids, 30_000);
  if (!delivered.ok) {
    result.lost += delivered.undelivered.length;
    result.problems.push(`${delivered.undelivered.length} notifications undelivered 30 s after the burst`);
  }
  const facts = await reportFacts(ids);
  checkConsistency(facts, result, true);
  const smsCount = checkSmsExactlyOnce(shared.sms, facts, result, since);
  const all = facts.flatMap((f) => f.notifications);
  const rows = await db
    .select({ id: notifications.id, attempts: notifications.attempts })
    .from(notifications)
    .where(
      inArray(
        notifications.id,
        all.map((n) => n.id),
      ),
    );
  const multi = rows.filter((r) => r.attempts !== 1);
  if (multi.length)
    result.problems.push(`${multi.length} notifications claimed more than once (attempts ≠ 1)`);
  const ids5 = new Set(all.map((n) => n.id));
  const byWorker = workers.map((w) => countDispatches(w.logFile, ids5));
  const byApps = [app1, app2].map((a) => countDispatches(a.logFile, ids5));
  const totalDispatched = byWorker.reduce((x, y) => x + y, 0) + byApps.reduce((x, y) => x + y, 0);
  if (totalDispatched !== all.length)
    result.problems.push(`${totalDispatched} deliveries logged for ${all.length} notifications`);
  if (byApps.some((n) => n > 0))
    result.problems.push(`app instances with JOBS_IN_PROCESS=false sent ${byApps.join("+")} messages`);
  result.notes.push(
    `${count} submissions over 2 instances in ${secs(burstMs)}; ${all.length} notifications (${smsCount} SMS, counted at the gateway: ${shared.sms.deliveries.length - since}); ` +
      `sent by worker 1: ${byWorker[0]}, worker 2: ${byWorker[1]}, app instances: ${byApps.join("+")}; all delivered ${secs(delivered.ms)} after the burst`,
  );
  const paid = await db
    .select({ id: deposits.id })
    .from(deposits)
    .where(and(inArray(deposits.reportId, ids), eq(deposits.status, "paid")));
  if (paid.length !== count) result.problems.push(`${paid.length} paid deposits for ${count} reports`);

  await Promise.all([...workers, app1, app2].map((p) => p.stop()));
  for (const p of [...workers, app1, app2]) shared.processes.delete(p);
  return result;
}

export { startStripeStandIn };
