/**
 * Every form's server action fuzzed over HTTP against the production build, as the user the form is for:
 * fast-check makes hostile form data (Arabic, Latin, emoji, control and bidi characters, 100 kB strings,
 * impossible dates, numbers out of range, UUID-like garbage, missing and extra fields, React's own `$`
 * markers), mixed with the form's valid values so the deeper paths run too. For each call:
 * - never a 5xx, and the server still answers its health check afterwards;
 * - no partial write: an answer that refuses the input leaves the database exactly as it was. Only an
 *   answer that accepted it (a redirect onwards, a success state) may have changed anything.
 *
 * Runs per action: FUZZ_RUNS (default 6); the seed is printed, and FUZZ_SEED replays a run.
 * The use-case layer is fuzzed with many more runs in tests/integration/fuzz-actions.test.ts.
 *
 * Static imports only (see global-setup.ts). No afterAll that ends the shared db client.
 */
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { eq, like, or } from "drizzle-orm";
import { db } from "@/db";
import { governorates, rateLimits } from "@/db/schema";
import { ACTIONS } from "./helpers/action-matrix";
import {
  ACTORS,
  actionsInBuild,
  callAction,
  changedTables,
  createFixtures,
  fingerprint,
  type ActorName,
  type Field,
  type Fixtures,
} from "./helpers/security";

test.describe.configure({ mode: "serial" });

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2_147_483_647;

/** Values that have broken form handling somewhere before. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "\u202e\u2066",
  "\r\n\t",
  "<script>alert(1)</script>",
  "\"'><img src=x onerror=alert(1)>",
  "'; drop table reports; --",
  "../../../etc/passwd",
  '=HYPERLINK("http://x")',
  "2026-13-45",
  "2026-02-30",
  "0000-00-00",
  "٢٠٢٦-١٣-٤٥",
  "٣١",
  "-1",
  "0",
  "99999999999999999999999",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "{}",
  "[]",
  "$K1",
  "$@0",
  "$undefined",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "WA-2026-0000000",
  "مرحبا بالعالم 👋🏽 سلطنة عُمان",
  "x".repeat(100_000),
  "ع".repeat(5_000),
];

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid().map((u) => (Math.random() < 0.5 ? u.toUpperCase() : `${u}x`)) },
  { weight: 1, arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: -5, max: 10_000 }),
        fc.integer({ min: -5, max: 99 }),
        fc.integer({ min: -5, max: 99 }),
      )
      .map(([y, m, d]) => `${y}-${m}-${d}`),
  },
);

/** A form: each field kept valid, replaced by something hostile, or left out; plus fields nobody asked for. */
function formArbitrary(
  valid: Record<string, Field | Field[]>,
): fc.Arbitrary<Record<string, Field | Field[]>> {
  const names = Object.keys(valid).filter((k) => k !== "locale");
  const perField = Object.fromEntries(
    names.map((k) => {
      const v = valid[k]!;
      const keep = fc.constant(v);
      return [
        k,
        fc.oneof(keep, hostile, fc.array(hostile, { minLength: 2, maxLength: 3 }), fc.constant(undefined)),
      ];
    }),
  );
  return fc
    .record({
      fields: fc.record(perField),
      extra: fc.dictionary(
        fc.constantFrom(
          "$ACTION_ID_x",
          "__proto__",
          "constructor",
          "id",
          "establishmentId",
          "role",
          "status",
          "extra",
        ),
        hostile,
        { maxKeys: 3 },
      ),
      locale: fc.constantFrom("en", "ar", "fr", "", "../x"),
    })
    .map(({ fields, extra, locale }) => {
      const out: Record<string, Field | Field[]> = { locale };
      for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v as Field | Field[];
      for (const [k, v] of Object.entries(extra)) if (!(k in out)) out[k] = v;
      return out;
    });
}

/** The user a form is for: the first kind the matrix allows (establishment A's owner for employer forms). */
function userFor(allowed: (a: ActorName) => boolean): ActorName {
  const order: ActorName[] = ["employerA", "worker", "finance", "reviewer", "supervisor", "anonymous"];
  return order.find(allowed) ?? ACTORS.find(allowed)!;
}

/** Answers that accepted the input: the only ones after which the database may differ. */
function accepted(kind: string, redirect: string | undefined): boolean {
  if (kind === "success" || kind === "done") return true;
  if (kind === "redirect")
    return !/[?&](error|notice=(not_found|role_invalid|unchanged))/.test(redirect ?? "");
  // The worker's sign-in moves to the code step once a code was sent (a code row and an SMS in the outbox).
  if (kind === "signin") return /step=code/.test(redirect ?? "") && !/error=/.test(redirect ?? "");
  return false;
}

let fx: Fixtures;
let schedules: (typeof governorates.$inferSelect)[] = [];
test.beforeAll(async () => {
  test.setTimeout(60_000);
  fx = await createFixtures();
  schedules = await db.select().from(governorates);
});

// A fuzzed form can be a valid one: the journeys after this file must still find the rollout dates as seeded,
// and the loopback address's sign-in budgets unspent.
test.afterAll(async () => {
  for (const g of schedules)
    await db
      .update(governorates)
      .set({ pilotFrom: g.pilotFrom, mandatoryFrom: g.mandatoryFrom })
      .where(eq(governorates.code, g.code));
  // The fuzzer's sign-in attempts all come from the loopback address: the journeys after it need its budgets.
  await db
    .delete(rateLimits)
    .where(
      or(
        like(rateLimits.key, "worker\\_code\\_ip:%"),
        like(rateLimits.key, "worker\\_wrong\\_ip:%"),
        like(rateLimits.key, "signin\\_ip:%"),
      ),
    );
});

test(`every form's server action, fuzzed (${RUNS} runs each): never a 5xx, never a partial write`, async ({
  playwright,
  baseURL,
}) => {
  test.setTimeout(Math.max(240_000, RUNS * 40 * 1_000));
  const build = actionsInBuild();
  const problems: string[] = [];
  let calls = 0;
  let acceptedCalls = 0;
  const started = Date.now();
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);
  for (const [name, spec] of Object.entries(ACTIONS)) {
    // Signing out ends the session the fuzzer uses; it takes no input worth fuzzing.
    if (spec.endsSession) continue;
    const actor = userFor(spec.allowed);
    const valid = { ...spec.probe(fx), ...(spec.attack ? spec.attack(fx) : {}) };
    await fc.assert(
      fc.asyncProperty(formArbitrary(valid), async (fields) => {
        const before = await fingerprint();
        const client = await playwright.request.newContext({ baseURL });
        let outcome;
        try {
          outcome = await callAction(client, baseURL!, {
            id: build.get(name)!.id,
            page: spec.page(fx),
            shape: spec.shape,
            fields,
            cookie: fx.cookies[actor],
          });
        } finally {
          await client.dispose();
        }
        calls += 1;
        const changed = changedTables(before, await fingerprint()).filter((t) => t !== "rate_limits");
        const ok = accepted(outcome.kind, outcome.redirect) || (spec.acceptedAlso?.(outcome) ?? false);
        if (ok) acceptedCalls += 1;
        const sample = JSON.stringify(fields, (_k, v: unknown) =>
          typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v,
        );
        const problem =
          outcome.kind === "error5xx"
            ? `${name} as ${actor}: HTTP ${outcome.status} for ${sample}`
            : changed.length > 0 && !ok
              ? `${name} as ${actor}: refused (${JSON.stringify(outcome)}) but changed ${changed.join(", ")} for ${sample}`
              : null;
        if (problem) {
          console.log(`PROBLEM ${problem}`);
          problems.push(problem);
        }
        return true;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  }
  const health = await (await playwright.request.newContext({ baseURL })).get("/api/health");
  expect(health.status(), "the server still answers").toBe(200);
  console.log(
    `fuzz: ${calls} calls over ${Object.values(ACTIONS).filter((a) => !a.endsSession).length} actions (${acceptedCalls} accepted) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(problems, `${problems.length} problems`).toEqual([]);
});

// Found by this fuzzer: a "%" typed in the civil ID was a 500 (Next.js failed to parse the sign-in cookie).
test("a civil ID typed with a % sign is an error on the form, not a 500", async ({ playwright, baseURL }) => {
  const id = actionsInBuild().get("lib/workers/actions.ts#requestWorkerCodeAction")!.id;
  for (const civilId of ["50%", "%R", "100%000001"]) {
    const client = await playwright.request.newContext({ baseURL });
    const outcome = await callAction(client, baseURL!, {
      id,
      page: "/en/sign-in/worker",
      shape: "plain",
      fields: { locale: "en", civilId },
      cookie: null,
    });
    await client.dispose();
    expect(outcome, civilId).toMatchObject({
      kind: "signin",
      redirect: "/en/sign-in/worker?error=civil_id_format",
    });
  }
});
