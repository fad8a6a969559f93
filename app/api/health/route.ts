import { sql } from "drizzle-orm";
import { db } from "@/db";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the CI smoke test. */
export async function GET() {
  const started = performance.now();
  try {
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: "ok", ms: Math.round(performance.now() - started) });
  } catch (e) {
    log.error({ err: { message: (e as Error).message } }, "health check failed");
    return Response.json({ status: "error", database: "unreachable" }, { status: 503 });
  }
}
