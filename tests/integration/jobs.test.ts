import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db, embeddedDatabaseName, ensureDatabase, usesEmbeddedDatabase } from "@/db";
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "@/db/embedded";
import { notifications } from "@/db/schema";
import { bossConnection, type BossConnection } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { createJobsRunner, type JobsRunner } from "@/lib/jobs/register";
import { dispatchDue } from "@/lib/notifications/dispatch";
import { notify } from "@/lib/notifications/notify";
import { uniqueDigits } from "@/tests/helpers/db";

/** The two shapes of connection pg-boss is given: a URL (DATABASE_URL) and the embedded server's parts. */
async function bothConnections(): Promise<{ url: BossConnection; parts: BossConnection }> {
  const own = await bossConnection();
  if (usesEmbeddedDatabase()) {
    expect(own.connectionString).toBeUndefined();
    const { port } = await ensureDatabase();
    expect(own).toEqual({
      host: "127.0.0.1",
      port,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      database: embeddedDatabaseName(),
    });
    return {
      parts: own,
      url: {
        connectionString: `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${embeddedDatabaseName()}`,
      },
    };
  }
  expect(own).toEqual({ connectionString: process.env.DATABASE_URL });
  const u = new URL(process.env.DATABASE_URL!);
  return {
    url: own,
    parts: {
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password) || "postgres",
      database: u.pathname.slice(1),
    },
  };
}

async function newSms(): Promise<string> {
  const { id } = await notify(db, {
    channel: "sms",
    recipient: `+968${uniqueDigits(8)}`,
    template: "worker.grievance-closing.sms",
    locale: "en",
    params: {
      reference: "WA-2026-004217",
      establishment: "Al Noor",
      deadline: "2026-08-03",
      url: "http://localhost/en/worker",
    },
  });
  return id;
}

async function waitForStatus(id: string, status: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [r] = await db
      .select({ status: notifications.status })
      .from(notifications)
      .where(eq(notifications.id, id));
    if (r?.status === status) return Date.now() - started;
    if (Date.now() - started > timeoutMs)
      throw new Error(`notification ${id} is ${r?.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/**
 * Earlier files leave thousands of undelivered rows behind (the lifecycle property test alone about 8,000), and a
 * dispatch takes due rows oldest first, 500 per run: these tests are about the runner, not the backlog, so the
 * backlog is put a day ahead before each one (the dispatch tests cover order and limits).
 */
beforeEach(async () => {
  await db
    .update(notifications)
    .set({ nextAttemptAt: sql`now() + interval '1 day'` })
    .where(
      and(
        inArray(notifications.status, ["created", "temporary_failure", "sending"]),
        lte(notifications.nextAttemptAt, sql`now()`),
      ),
    );
});

let runner: JobsRunner | null = null;
afterEach(async () => {
  await runner?.stop();
  runner = null;
});

describe("pg-boss job runner", () => {
  it("starts from a connection URL, runs notifications:dispatch through pg-boss, and stops", async () => {
    const { url } = await bothConnections();
    let runs = 0;
    runner = await createJobsRunner({
      connection: url,
      listen: false, // only pg-boss can deliver it here
      dispatchIntervalSeconds: 1,
      handlers: {
        ...jobHandlers,
        "payments:reconcile": null,
        "notifications:dispatch": async () => {
          runs++;
          return dispatchDue();
        },
      },
    });
    const queues = (await runner.boss.getQueues()).map((q) => q.name);
    expect(queues).toEqual(
      expect.arrayContaining([
        "notifications:dispatch",
        "payments:reconcile",
        "deadlines:daily",
        "statistics:fold",
      ]),
    );
    const schedules = await runner.boss.getSchedules();
    expect(schedules.find((s) => s.name === "notifications:dispatch")?.cron).toBe("* * * * *");
    expect(schedules.find((s) => s.name === "deadlines:daily")).toMatchObject({ cron: "0 6 * * *" });
    expect(schedules.find((s) => s.name === "payments:reconcile")).toBeUndefined();

    const id = await newSms();
    await waitForStatus(id, "delivered", 15_000);
    expect(runs).toBeGreaterThan(0);

    let stopped = false;
    runner.boss.on("stopped", () => (stopped = true));
    await runner.stop();
    runner = null;
    expect(stopped).toBe(true);
  });

  it("starts from the server's parts and delivers within moments of the commit (LISTEN/NOTIFY nudge)", async () => {
    const { parts } = await bothConnections();
    runner = await createJobsRunner({
      connection: parts,
      // pg-boss's own next dispatch is a minute away: only the nudge can be this quick.
      dispatchIntervalSeconds: 60,
      handlers: { ...jobHandlers, "payments:reconcile": null },
    });
    // Let the start-up dispatch finish first.
    await new Promise((r) => setTimeout(r, 1500));
    const id = await newSms();
    const tookMs = await waitForStatus(id, "delivered", 5_000);
    expect(tookMs).toBeLessThan(3_000);
  });

  it("runs as `npm run worker` in its own process and stops gracefully on SIGTERM", async () => {
    const root = path.resolve(__dirname, "../..");
    // What `npm run worker` runs, minus npm: one process, so the signal reaches the worker itself.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        APP_URL: "https://balagh.example.om",
        LOG_LEVEL: "info",
        SMS_GATEWAY_URL: "",
        RESEND_API_KEY: "",
        NOTIFY_DISPATCH_INTERVAL_SECONDS: "60",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const started = Date.now();
      while (!output.includes("job worker started")) {
        if (Date.now() - started > 30_000 || child.exitCode !== null)
          throw new Error(`worker did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const id = await newSms();
      await waitForStatus(id, "delivered", 10_000);
    } finally {
      const stopAt = Date.now();
      child.kill("SIGTERM");
      const code = await exited;
      expect(Date.now() - stopAt).toBeLessThan(10_000);
      expect({ code, output }).toMatchObject({ code: 0 });
      expect(output).toContain("job worker stopped");
    }
  });
});
