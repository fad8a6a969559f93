// `npm run bench -- [options]`: the options, and how long the run will take.
import { parseArgs } from "node:util";

export const SCENARIOS = ["worker", "employer", "staff", "statistics", "bare", "submission"];

export const DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/balagh_scale";

export const USAGE = `npm run bench -- [options]

  --duration <s>       seconds of each timed load (default 60)
  --warmup <s>         seconds of the same load before each timed one, not counted (default 5)
  --connections <list> connection counts to load with (default 1,50)
  --only <list>        scenarios to run, of ${SCENARIOS.join(", ")} (default: all)
  --no-build           use the existing production build (.next) instead of running next build
  --db <url>           the scaled database (default: DATABASE_URL, else ${DEFAULT_DB})
  --port <n>           port of the app (default 3021); the bare server uses the next one
  --out <file>         where to write the results (default bench/results.json)
  --help               this text`;

export function parseBenchArgs(argv, env = process.env) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      duration: { type: "string", default: "60" },
      warmup: { type: "string", default: "5" },
      connections: { type: "string", default: "1,50" },
      only: { type: "string" },
      "no-build": { type: "boolean", default: false },
      db: { type: "string" },
      port: { type: "string", default: "3021" },
      out: { type: "string", default: "bench/results.json" },
      help: { type: "boolean", default: false },
    },
  });
  const int = (name, min, value = values[name]) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name}: expected a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
  const connections = values.connections.split(",").map((c) => int("connections", 1, c.trim()));
  const only = values.only ? values.only.split(",").map((s) => s.trim()) : SCENARIOS;
  for (const s of only)
    if (!SCENARIOS.includes(s))
      throw new Error(`--only: unknown scenario "${s}" (known: ${SCENARIOS.join(", ")})`);
  return {
    duration: int("duration", 1),
    warmup: int("warmup", 0),
    connections,
    scenarios: SCENARIOS.filter((s) => only.includes(s)),
    build: !values["no-build"],
    db: values.db ?? env.DATABASE_URL ?? DEFAULT_DB,
    port: int("port", 1024),
    out: values.out,
    help: values.help,
  };
}

/**
 * A generous estimate of the whole run in seconds, printed before it starts: the build, three app starts,
 * the sign-ins and SQL capture, then warm-up, timed load and drain for every scenario at every connection count.
 */
export function estimateSeconds(opts) {
  const build = opts.build ? 150 : 0;
  const starts = 3 * 15;
  const capture = 30;
  // Each load also waits for the server to work off what it left in flight (up to a few seconds each).
  const loads = opts.scenarios.length * opts.connections.length * (opts.warmup + opts.duration + 10);
  return build + starts + capture + loads;
}

export function formatDuration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m} min ${s} s` : `${s} s`;
}
