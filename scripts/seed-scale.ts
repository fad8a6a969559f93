/**
 * `npm run seed:scale -- --reports 3000000`: national-scale data for benchmarks (issue 6 §1, README "Data at
 * scale"). Into DATABASE_URL, or the embedded default database when it is unset (as the app). Migrates and
 * runs the normal seed first. Refuses a database that already holds scale data, unless --reset-scale, which
 * drops and recreates the whole database first (only one whose name contains "scale" or "test", or the
 * embedded one).
 */
import postgres from "postgres";
import { db, ensureDatabase, sqlClient, usesEmbeddedDatabase, embeddedDatabaseName } from "../db";
import { ensureEmbeddedServer, EMBEDDED_PASSWORD, EMBEDDED_USER } from "../db/embedded";
import { seedDatabase } from "../db/seed";
import { AlreadySeededError, DEFAULT_OPTIONS, seedScale, type ScaleOptions } from "../db/scale";

const HELP = `usage: npm run seed:scale -- [--reports N] [--seed N] [--until YYYY-MM-DD] [--bench-reports N]
                              [--reports-per-establishment N] [--workers-per-report X] [--reset-scale]
  --reports N                    reports to create, the bench establishment's included (default ${DEFAULT_OPTIONS.reports})
  --seed N                       PRNG seed: the same seed and options give the same data (default ${DEFAULT_OPTIONS.seed})
  --until YYYY-MM-DD             the ten years of history end the day before (default ${DEFAULT_OPTIONS.until})
  --bench-reports N              reports of "Bench Establishment" (default ${DEFAULT_OPTIONS.benchReports})
  --reports-per-establishment N  mean reports per establishment (default ${DEFAULT_OPTIONS.reportsPerEstablishment})
  --workers-per-report X         registry workers per report (default ${DEFAULT_OPTIONS.workersPerReport})
  --reset-scale                  drop and recreate the target database first`;

function parseArgs(argv: string[]): { options: ScaleOptions; reset: boolean } {
  const options: ScaleOptions = { ...DEFAULT_OPTIONS };
  let reset = false;
  const num = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < min)
      throw new Error(`${flag} needs a number >= ${min}\n${HELP}`);
    return n;
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const v = argv[k + 1];
    if (a === "--reports") {
      options.reports = Math.floor(num(a, v, 100));
      k++;
    } else if (a === "--seed") {
      options.seed = Math.floor(num(a, v, 0));
      k++;
    } else if (a === "--bench-reports") {
      options.benchReports = Math.floor(num(a, v, 2));
      k++;
    } else if (a === "--reports-per-establishment") {
      options.reportsPerEstablishment = num(a, v, 1);
      k++;
    } else if (a === "--workers-per-report") {
      options.workersPerReport = num(a, v, 1);
      k++;
    } else if (a === "--until") {
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new Error(`--until needs YYYY-MM-DD\n${HELP}`);
      options.until = v;
      k++;
    } else if (a === "--reset-scale") reset = true;
    else if (a === "--help" || a === "-h") {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${HELP}`);
  }
  return { options, reset };
}

/** Drops and recreates the target database (the embedded one, or DATABASE_URL's if its name says scale/test). */
async function resetDatabase(): Promise<void> {
  let adminUrl: string;
  let name: string;
  if (usesEmbeddedDatabase()) {
    const server = await ensureEmbeddedServer();
    adminUrl = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${server.port}/postgres`;
    name = embeddedDatabaseName();
  } else {
    const url = new URL(process.env.DATABASE_URL!);
    name = decodeURIComponent(url.pathname.slice(1));
    if (!/scale|test/i.test(name))
      throw new Error(`--reset-scale refuses to drop "${name}": only a database named *scale* or *test*`);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  }
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    console.log(`--reset-scale: dropping and recreating database ${name}`);
    await admin.unsafe(`drop database if exists "${name.replace(/"/g, "")}" with (force)`);
    await admin.unsafe(`create database "${name.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
}

async function main() {
  const { options, reset } = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (reset) await resetDatabase();
  await ensureDatabase();
  await seedDatabase(db);
  const target = usesEmbeddedDatabase()
    ? `embedded database ${embeddedDatabaseName()}`
    : `DATABASE_URL (${new URL(process.env.DATABASE_URL!).pathname.slice(1)})`;
  console.log(
    `seed:scale into ${target}: migrations and demo seed in place (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  const summary = await seedScale(sqlClient(), options, (line) => console.log(line));
  const [size] = await sqlClient()<
    { size: string }[]
  >`select pg_size_pretty(pg_database_size(current_database())) as size`;
  console.log(
    `\ndone in ${(summary.elapsedMs / 1000).toFixed(1)} s (seed ${options.seed}, until ${options.until}); database size ${size!.size}`,
  );
  console.log("rows added:");
  for (const [table, n] of Object.entries(summary.rows))
    console.log(`  ${table.padEnd(22)} ${n.toLocaleString("en").padStart(12)}`);
  console.log(
    `  ${"establishments (plan)".padEnd(22)} ${summary.establishments.toLocaleString("en").padStart(12)}`,
  );
  const b = summary.bench;
  console.log("bench fixtures:");
  console.log(
    `  employer ${b.email} / Bench-Demo-2026 (owner of "Bench Establishment", CR ${b.crNumber}, ${b.reports} reports)`,
  );
  console.log(`  establishment id ${b.establishmentId}`);
  console.log(`  a bench report: id ${b.sampleReportId}, reference ${b.sampleReference}`);
  console.log(`  worker civil ID ${b.workerCivilId}: reports ${b.workerReportIds.join(", ")}`);
  await sqlClient().end({ timeout: 5 });
  if (usesEmbeddedDatabase()) {
    const server = await ensureEmbeddedServer();
    if (server.owned) await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    if (e instanceof AlreadySeededError) {
      console.error(
        `seed:scale: ${e.message}. Run it on a fresh database, or add --reset-scale to drop and recreate this one.`,
      );
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  },
);
