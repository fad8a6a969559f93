import { describe, expect, it } from "vitest";
// The bench (npm run bench) is plain JavaScript run by Node; these check its pieces load and parse, without
// starting a server or a load (those take minutes and are never part of npm test).
// @ts-expect-error -- plain .mjs without type declarations
import { DEFAULT_DB, estimateSeconds, parseBenchArgs, SCENARIOS } from "../../bench/lib/args.mjs";
// @ts-expect-error -- plain .mjs without type declarations
import { findForm, multipartBody, parseForms } from "../../bench/lib/html-form.mjs";
// @ts-expect-error -- plain .mjs without type declarations
import { frontendParser } from "../../bench/lib/sql-capture.mjs";
// @ts-expect-error -- plain .mjs without type declarations
import { parseDriverArgs } from "../../bench/driver.mjs";
// @ts-expect-error -- plain .mjs without type declarations
import { BARE_SQL } from "../../bench/bare-server.mjs";
// @ts-expect-error -- plain .mjs without type declarations
import { JOURNEY, REQUESTS_PER_SUBMISSION } from "../../bench/lib/submission.mjs";

describe("bench options", () => {
  it("defaults to every scenario at 1 and 50 connections, 60 s each, on balagh_scale", () => {
    const o = parseBenchArgs([], {});
    expect(o).toMatchObject({
      duration: 60,
      warmup: 5,
      connections: [1, 50],
      scenarios: SCENARIOS,
      build: true,
      db: DEFAULT_DB,
    });
    expect(DEFAULT_DB).toBe("postgres://postgres@127.0.0.1:5432/balagh_scale");
    // 6 scenarios × 2 loads × (60 + 5 + 3) s plus the build and starts: over 15 minutes, said up front.
    expect(estimateSeconds(o)).toBeGreaterThan(15 * 60);
  });

  it("takes a shorter duration, a subset, DATABASE_URL, and refuses what it does not know", () => {
    const o = parseBenchArgs(
      ["--duration", "5", "--only", "worker,bare", "--no-build", "--connections", "1,8"],
      { DATABASE_URL: "postgres://x/y" },
    );
    expect(o).toMatchObject({
      duration: 5,
      scenarios: ["worker", "bare"],
      build: false,
      connections: [1, 8],
      db: "postgres://x/y",
    });
    expect(() => parseBenchArgs(["--only", "nope"], {})).toThrow(/unknown scenario/);
    expect(() => parseBenchArgs(["--duration", "0"], {})).toThrow(/--duration/);
    expect(() => parseBenchArgs(["--what"], {})).toThrow();
    expect(parseDriverArgs(["--rounds", "2"])).toMatchObject({
      rounds: 2,
      seconds: 15,
      pool: 10,
      inflight: 200,
    });
  });
});

describe("bench no-JavaScript form posting", () => {
  const html =
    '<form action="" encType="multipart/form-data" method="POST"><input type="hidden" name="$ACTION_REF_1"/>' +
    '<input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;abc&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/>' +
    '<input type="hidden" name="$ACTION_KEY" value="k1"/><input name="civilId" value=""/><button type="submit">Go</button></form>' +
    '<form method="get"><input name="q"/></form>';

  it("keeps React's hidden action fields, decoded, and adds what is typed", () => {
    const forms = parseForms(html);
    expect(forms).toHaveLength(2);
    const form = findForm(html, ["civilId"]);
    expect(form.hidden).toContainEqual(["$ACTION_1:0", '{"id":"abc","bound":"$@1"}']);
    const { body, contentType } = multipartBody(form, {
      civilId: "200000001",
      file: { filename: "a.pdf", type: "application/pdf", data: Buffer.from("%PDF") },
    });
    const boundary = /boundary=(.+)$/.exec(contentType)![1];
    const text = body.toString();
    expect(text).toContain(
      `--${boundary}\r\nContent-Disposition: form-data; name="$ACTION_KEY"\r\n\r\nk1\r\n`,
    );
    expect(text).toContain('name="civilId"\r\n\r\n200000001\r\n');
    expect(text).toContain('filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n');
    expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
    expect(() => findForm(html, ["nope"])).toThrow(/no form with nope/);
  });

  it("describes a whole submission in seven screens: seven forms, each fetched and posted, then the confirmation", () => {
    expect(JOURNEY).toHaveLength(7);
    expect(REQUESTS_PER_SUBMISSION).toBe(15);
    // The worker is found and confirmed on one screen: both forms are on /employer/reports/new.
    const screens = new Set(
      [JOURNEY[0]!.path!, ...JOURNEY.map((s: { next: string }) => s.next)].map((p) =>
        p.split("?")[0]!.replace(/^\/ar\/employer\/reports\/?/, ""),
      ),
    );
    expect(JOURNEY[0]!.next).toContain("/employer/reports/new?worker=");
    // new, absence, evidence, check, pay, the gateway, the confirmation.
    expect([...screens]).toEqual([
      "new",
      "/edit/absence",
      "/edit/evidence",
      "/edit/check",
      "/pay",
      "/ar/dev/pay/",
      "/confirmation",
    ]);
  });
});

describe("bench SQL capture", () => {
  it("reads Parse, Bind and simple queries off a PostgreSQL frontend stream split anywhere", () => {
    const msg = (type: string, payload: Buffer) => {
      const head = Buffer.alloc(5);
      head.write(type, 0);
      head.writeInt32BE(payload.length + 4, 1);
      return Buffer.concat([head, payload]);
    };
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8, 0);
    startup.writeInt32BE(196608, 4);
    const stream = Buffer.concat([
      startup,
      msg("P", Buffer.from("s1\0select 1\0\0\0")),
      msg("B", Buffer.from("\0s1\0\0\0\0\0\0\0")),
      msg("Q", Buffer.from("select 2\0")),
    ]);
    const seen: string[] = [];
    const feed = frontendParser((type: string) => seen.push(type));
    for (let i = 0; i < stream.length; i += 3) feed(stream.subarray(i, i + 3));
    expect(seen).toEqual(["P", "B", "Q"]);
  });

  it("the bare server's SQL is plain text with bound parameters", () => {
    expect(BARE_SQL.length).toBeGreaterThan(0);
    for (const s of BARE_SQL) expect(s).toMatch(/^select .* from "/);
  });
});

describe("bench CPU per request", () => {
  it("reads this process's CPU time from /proc, and it grows with work", async () => {
    // @ts-expect-error -- plain .mjs without type declarations
    const { processTreeCpuMs } = await import("../../bench/lib/cpu.mjs");
    const before = processTreeCpuMs(process.pid);
    expect(before).toBeGreaterThan(0);
    const end = Date.now() + 150;
    let x = 0;
    while (Date.now() < end) x += Math.sqrt(x + 1);
    expect(x).toBeGreaterThan(0);
    expect(processTreeCpuMs(process.pid)).toBeGreaterThan(before);
  });

  it("splits a request's CPU into proxy, session and the rest from two readings of the phase totals", async () => {
    // @ts-expect-error -- plain .mjs without type declarations
    const { phaseSplit } = await import("../../bench/lib/cpu.mjs");
    const before = {
      proxy: { count: 10, cpuUs: 10_000, wallUs: 12_000 },
      session: { count: 5, cpuUs: 20_000, wallUs: 40_000 },
    };
    const after = {
      proxy: { count: 110, cpuUs: 110_000, wallUs: 212_000 },
      session: { count: 105, cpuUs: 320_000, wallUs: 840_000 },
    };
    expect(phaseSplit(before, after, 10)).toEqual({
      proxy: { requests: 100, cpuMs: 1, wallMs: 2 },
      session: { requests: 100, cpuMs: 3, wallMs: 8 },
      renderAndFrameworkCpuMs: 6,
    });
    expect(phaseSplit(before, null, 10)).toBeNull();
  });
});
