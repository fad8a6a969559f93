import PgBoss from "pg-boss";
import { embeddedDatabaseName, ensureDatabase, usesEmbeddedDatabase } from "@/db";
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "@/db/embedded";
import { log } from "@/lib/log";

/**
 * pg-boss on the application's own PostgreSQL (schema `pgboss`), one instance per process, kept on
 * `globalThis` because Next.js loads modules several times in one process.
 */

export type BossConnection = Pick<
  PgBoss.ConstructorOptions,
  "connectionString" | "host" | "port" | "user" | "password" | "database"
>;

/** DATABASE_URL when set; otherwise the embedded server, whose port is known once it has started. */
export async function bossConnection(): Promise<BossConnection> {
  if (!usesEmbeddedDatabase()) return { connectionString: process.env.DATABASE_URL! };
  const { port } = await ensureDatabase();
  return {
    host: "127.0.0.1",
    port: port!,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    database: embeddedDatabaseName(),
  };
}

export function createBoss(connection: BossConnection): PgBoss {
  const boss = new PgBoss({
    ...connection,
    application_name: "balagh-jobs",
    max: Number(process.env.JOBS_POOL_SIZE ?? 4),
    schema: "pgboss",
    // The dispatch job runs every few seconds: keep its history short.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 3,
  });
  boss.on("error", (error) => log.error({ err: error }, "pg-boss error"));
  return boss;
}
