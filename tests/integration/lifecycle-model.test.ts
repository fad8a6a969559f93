/**
 * Issue 10, "tests that land with it": a model-based property test of the whole legal process. fast-check
 * draws random sequences of actions by every kind of user — the employer pays (or the card is declined),
 * discards, files again, asks to cancel and withdraws, asks for the deposit back; the worker files a
 * grievance; reviewers (two of them, to exercise separation of duties) and a supervisor claim and decide
 * reports, cancellations and grievances, reopen decisions, record the worker's exit and share evidence;
 * finance decides refunds and marks deposits used; the daily jobs expire unpaid reports and close those whose
 * legal period ended; time passes — and runs them on PostgreSQL through the app's own use cases.
 *
 * After every step it checks the invariants (tests/helpers/lifecycle-model.ts `checkInvariants`): at most one
 * open report per worker; no pending request on a finished report; a deposit refunded at most once, never
 * after use, and refunded (or offered for refund) exactly when a refund ground holds; every party's "what you
 * can do now" agrees with the state and with the others, and what it offers the acting party is exactly what
 * the use case accepts; a refused action changes nothing; every transition has its audit event and the
 * messages its table says it sends.
 *
 * BALAGH_PROPERTY_RUNS (default 1000) sets how many sequences; a failure prints fast-check's seed and path,
 * which BALAGH_PROPERTY_SEED and BALAGH_PROPERTY_PATH replay (README, Testing).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaffUser, signedInActor } from "../helpers/accounts";
import {
  WORKER_EXIT_KINDS,
  checkInvariants,
  describeAction,
  createWorlds,
  runAction,
  snapshot,
  type Action,
  type Staff,
  type Start,
  type World,
  type StaffKey,
} from "../helpers/lifecycle-model";

const RUNS = Number(process.env.BALAGH_PROPERTY_RUNS ?? 1000);
const SEED = process.env.BALAGH_PROPERTY_SEED ? Number(process.env.BALAGH_PROPERTY_SEED) : undefined;
const PATH = process.env.BALAGH_PROPERTY_PATH || undefined;
const MAX_STEPS = Number(process.env.BALAGH_PROPERTY_STEPS ?? 8);
const BATCH = Number(process.env.BALAGH_PROPERTY_BATCH ?? 4);

const r = fc.nat({ max: 1 });
const reviewer = fc.constantFrom<StaffKey>("reviewerA", "reviewerB", "supervisor");

/** Weighted so that cases get somewhere: paying and deciding come up often, time jumps now and then. */
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("pay" as const), r, approve: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("discard" as const), r }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("fileAnother" as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("requestCancellation" as const), r }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdrawCancellation" as const), r }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("requestRefund" as const), r }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fileGrievance" as const), r }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("startReview" as const),
      r,
      who: reviewer,
      what: fc.constantFrom("cancellation" as const, "grievance" as const),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("decideReport" as const),
      r,
      who: reviewer,
      approve: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("decideCancellation" as const),
      r,
      who: reviewer,
      accept: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("decideGrievance" as const),
      r,
      who: reviewer,
      accept: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("decideRefund" as const), r, approve: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reopen" as const), r }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("recordExit" as const),
      r,
      who: fc.constantFrom<StaffKey>("reviewerA", "finance"),
      exit: fc.constantFrom(...WORKER_EXIT_KINDS),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("markUtilised" as const), r }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("share" as const),
      r,
      audience: fc.constantFrom("worker" as const, "employer" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("expireDaily" as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("closeDaily" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      days: fc.constantFrom(1, 31, 61, 1462, 3300),
    }),
  },
);

const ENV_KEYS = ["STRIPE_SECRET_KEY", "APP_URL"] as const;
const saved: Record<string, string | undefined> = {};
let staff: Staff;

beforeAll(async () => {
  // The local test gateway takes the payments (Stripe is tested elsewhere).
  for (const k of ENV_KEYS) saved[k] = process.env[k];
  delete process.env.STRIPE_SECRET_KEY;
  process.env.APP_URL = "https://balagh.test";
  const make = async (role: "reviewer" | "supervisor" | "finance") =>
    (await signedInActor("staff", (await createStaffUser({ role })).id)) as Staff[StaffKey];
  staff = {
    reviewerA: await make("reviewer"),
    reviewerB: await make("reviewer"),
    supervisor: await make("supervisor"),
    finance: await make("finance"),
  };
  const third = Math.ceil(RUNS / 3);
  pool.awaiting_payment = await createWorlds(staff, Array(third + 20).fill("awaiting_payment"));
  pool.submitted = await createWorlds(staff, Array(2 * third + 20).fill("submitted"));
});

afterAll(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

/**
 * One sequence: where its report starts (awaiting payment, so the employer pays through the local gateway, or
 * already paid and submitted, so that the rest of the process is reached in a few steps), then its actions.
 */
const sequence = fc.record({
  start: fc.constantFrom<Start>("awaiting_payment", "submitted", "submitted"),
  actions: fc.array(action, { minLength: 1, maxLength: MAX_STEPS }),
});
type Sequence = { start: Start; actions: Action[] };

/**
 * Paths through the process worth walking every time, whatever the seed (fast-check's `examples`, run before
 * the random ones): the long ones random sequences reach rarely.
 */
const A = (kind: string, more: Record<string, unknown> = {}) => ({ kind, r: 0, ...more }) as Action;
const EXAMPLES: Sequence[] = [
  // A rejected report, the worker reported again, then the rejection reopened.
  {
    start: "submitted",
    actions: [
      A("decideReport", { who: "reviewerA", approve: false }),
      A("fileAnother"),
      A("reopen"),
      A("pay", { r: 1, approve: true }),
      A("reopen"),
    ],
  },
  // Approved; the approver may not decide the grievance, another reviewer may; then the cancellation.
  {
    start: "submitted",
    actions: [
      A("decideReport", { who: "reviewerA", approve: true }),
      A("fileGrievance"),
      A("requestCancellation"),
      A("decideGrievance", { who: "reviewerA", accept: true }),
      A("decideGrievance", { who: "reviewerB", accept: false }),
      A("decideCancellation", { who: "reviewerA", accept: true }),
      A("requestRefund"),
      A("decideRefund", { approve: true }),
      A("requestRefund"),
    ],
  },
  // Approved, the legal period ends, the daily job closes it, the deposit is asked back and refunded.
  {
    start: "awaiting_payment",
    actions: [
      A("pay", { approve: false }),
      A("pay", { approve: true }),
      A("decideReport", { who: "supervisor", approve: true }),
      A("advance", { days: 1462 }),
      A("requestRefund"),
      A("closeDaily"),
      A("requestRefund"),
      A("decideRefund", { approve: true }),
      A("markUtilised"),
    ],
  },
  // Deported at the deposit's cost: used for the ticket, never refunded.
  {
    start: "submitted",
    actions: [
      A("recordExit", { who: "finance", exit: "deported" }),
      A("decideReport", { who: "reviewerB", approve: true }),
      A("recordExit", { who: "finance", exit: "deported" }),
      A("markUtilised"),
      A("requestRefund"),
      A("reopen"),
    ],
  },
  // Left at own expense before the decision: refund ground 4, then the report is decided.
  {
    start: "submitted",
    actions: [
      A("recordExit", { who: "reviewerA", exit: "left_own_expense" }),
      A("requestRefund"),
      A("decideRefund", { approve: true }),
      A("decideReport", { who: "reviewerB", approve: true }),
      A("fileGrievance"),
      A("markUtilised"),
    ],
  },
  // A grievance accepted on a submitted report; the evidence shared; the worker objects again.
  {
    start: "submitted",
    actions: [
      A("share", { audience: "worker" }),
      A("fileGrievance"),
      A("startReview", { who: "reviewerB", what: "grievance" }),
      A("decideGrievance", { who: "reviewerB", accept: true }),
      A("fileGrievance"),
      A("requestRefund"),
      A("fileAnother"),
    ],
  },
  // Unpaid and left: expires, the worker is free for another report, which is discarded.
  {
    start: "awaiting_payment",
    actions: [
      A("expireDaily"),
      A("advance", { days: 31 }),
      A("expireDaily"),
      A("fileAnother"),
      A("discard", { r: 1 }),
      A("fileAnother"),
    ],
  },
];
const exampleBatches: [Sequence[]][] = [];
for (let i = 0; i < EXAMPLES.length; i += BATCH) exampleBatches.push([EXAMPLES.slice(i, i + BATCH)]);

/** Worlds made ahead in bulk (the seeded base), taken one per sequence; more are made when they run out. */
const pool: Record<Start, World[]> = { awaiting_payment: [], submitted: [] };
async function takeWorld(start: Start): Promise<World> {
  if (pool[start].length === 0) pool[start].push(...(await createWorlds(staff, Array(50).fill(start))));
  return pool[start].pop()!;
}

describe("the legal process as one model", () => {
  it(`keeps its invariants over ${RUNS} random sequences of every party's actions`, async () => {
    const started = Date.now();
    let sequences = 0;
    let steps = 0;
    const timing: Record<string, number> = {};
    const tally: Record<string, number> = {};

    /** Runs one sequence in a world of its own, checking the invariants after every step. */
    async function run({ start, actions }: Sequence) {
      let t = performance.now();
      const lap = (k: string) => {
        const n = performance.now();
        timing[k] = (timing[k] ?? 0) + n - t;
        t = n;
      };
      const w = await takeWorld(start);
      let before = await snapshot(w);
      lap("setup");
      for (const a of actions) {
        const step = await runAction(w, a);
        lap(a.kind);
        steps += 1;
        const o = "skipped" in step.outcome ? "skipped" : step.outcome.ok ? "ok" : step.outcome.code;
        tally[`${a.kind}:${o}`] = (tally[`${a.kind}:${o}`] ?? 0) + 1;
        w.log.push(`${describeAction(a)} → ${o}${step.offered === null ? "" : ` (offered ${step.offered})`}`);
        const after = await snapshot(w);
        lap("snapshot");
        const bad = await checkInvariants(w, before, after, step);
        lap("invariants");
        if (bad.length > 0)
          throw new Error(`after:\n  ${w.log.join("\n  ")}\nviolated:\n  ${bad.join("\n  ")}`);
        before = after;
      }
      sequences += 1;
      if (process.env.BALAGH_PROPERTY_LOG) console.info(w.log.join("\n  "));
    }

    // BATCH independent sequences (each its own establishment and worker) run side by side in one property
    // run: the database works on one while the test waits for another, and a failure shrinks to the sequence
    // that failed.
    await fc.assert(
      fc.asyncProperty(fc.array(sequence, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.allSettled(batch.map(run));
        const failed = results.find((x) => x.status === "rejected");
        if (failed) throw failed.reason;
      }),
      {
        // The examples run first and count among the runs (so a replayed path finds the same run again).
        numRuns: Math.ceil(RUNS / BATCH) + exampleBatches.length,
        seed: SEED,
        path: PATH,
        endOnFailure: Boolean(PATH),
        examples: exampleBatches,
      },
    );
    const seconds = (Date.now() - started) / 1000;
    if (process.env.BALAGH_PROPERTY_STATS) {
      console.info(
        Object.entries(timing)
          .map(([k, v]) => `${k} ${Math.round(v)} ms`)
          .join("\n"),
      );
      console.info(
        Object.entries(tally)
          .sort()
          .map(([k, v]) => `${k} ${v}`)
          .join("\n"),
      );
    }
    console.info(`lifecycle model: ${sequences} sequences, ${steps} steps in ${seconds.toFixed(1)} s`);
    if (!PATH) expect(sequences).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
