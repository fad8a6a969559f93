#!/usr/bin/env node
// The yardstick for the app's worker look-up (/ar/worker): a bare node:http server with the postgres driver
// running the SAME SQL the app runs for that page — the bench records the app's statements off the wire
// (bench/lib/sql-capture.mjs) and checks they are these — and writing a small HTML page of the reports.
// No framework, no React, no session encryption: what is left of the app's time per page is the framework.
//
//   DATABASE_URL=… PORT=3022 node bench/bare-server.mjs
//   curl -H 'cookie: sid=<a sessions row id of a worker>' http://127.0.0.1:3022/ar/worker
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

/** What the app runs for GET /ar/worker, in order (drizzle's text; $n are bound parameters). */
export const SESSION_SQL =
  'select "sessions"."id", "sessions"."user_kind", "sessions"."last_seen_at", "employer_users"."id", "employer_users"."establishment_id", "employer_users"."role", "employer_users"."name", "employer_users"."email", "employer_users"."active", "employer_users"."email_verified_at", "staff_users"."id", "staff_users"."role", "staff_users"."name", "staff_users"."email", "staff_users"."active", "workers"."id", "workers"."name_en", "workers"."name_ar" from "sessions" left join "employer_users" on ("sessions"."user_kind" = $1 and "employer_users"."id" = "sessions"."user_id") left join "staff_users" on ("sessions"."user_kind" = $2 and "staff_users"."id" = "sessions"."user_id") left join "workers" on ("sessions"."user_kind" = $3 and "workers"."id" = "sessions"."user_id") where ("sessions"."id" = $4 and "sessions"."revoked_at" is null and "sessions"."expires_at" > $5)';
export const REPORTS_SQL =
  'select "reports"."id", "reports"."reference", "reports"."status", "reports"."last_day_at_work", "reports"."submitted_at", "reports"."approved_at", "reports"."grievance_deadline", "establishments"."name_ar", "establishments"."name_en" from "reports" inner join "establishments" on "establishments"."id" = "reports"."establishment_id" where ("reports"."worker_id" = $1 and "reports"."status" in ($2, $3, $4, $5, $6)) order by "reports"."submitted_at" desc, "reports"."created_at" desc';

export const BARE_SQL = [SESSION_SQL, REPORTS_SQL];

const VISIBLE = ["submitted", "approved", "rejected", "cancelled", "closed"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeHtml = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );

const dateFormat = new Intl.DateTimeFormat("ar-OM", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Asia/Muscat",
});
const formatDate = (d) => (d ? dateFormat.format(d instanceof Date ? d : new Date(d)) : "—");

export function createBareServer(sql) {
  // `prepare: true` (the default) and rows as arrays (`values()`), as drizzle over postgres.js does.
  const session = (id) =>
    sql.unsafe(SESSION_SQL, ["employer", "staff", "worker", id, new Date()], { prepare: true }).values();
  const reports = (id) => sql.unsafe(REPORTS_SQL, [id, ...VISIBLE], { prepare: true }).values();

  return http.createServer(async (req, res) => {
    try {
      if (req.url === "/health") {
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      if (req.url !== "/ar/worker") {
        res.writeHead(404).end();
        return;
      }
      const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
      const [s] = UUID.test(sid) ? await session(sid) : [];
      // Columns: sessions id, user_kind, last_seen_at; employer 3–9; staff 10–14; worker id, name_en, name_ar.
      if (!s || s[1] !== "worker" || !s[15]) {
        res.writeHead(307, { location: "/ar/sign-in/worker" }).end();
        return;
      }
      const workerNameAr = s[17];
      const rows = (await reports(s[15])).map((r) => ({
        id: r[0],
        reference: r[1],
        status: r[2],
        last_day_at_work: r[3],
        submitted_at: r[4],
        grievance_deadline: r[6],
        name_ar: r[7],
      }));
      const items = rows
        .map(
          (r) =>
            `<li><h2><a href="/ar/worker/reports/${r.id}">${escapeHtml(r.reference)}</a></h2><p>${escapeHtml(r.status)}</p>` +
            `<dl><dt>المنشأة</dt><dd>${escapeHtml(r.name_ar)}</dd><dt>آخر يوم عمل</dt><dd>${formatDate(r.last_day_at_work)}</dd>` +
            `<dt>تاريخ التقديم</dt><dd>${formatDate(r.submitted_at)}</dd><dt>آخر موعد للتظلم</dt><dd>${formatDate(r.grievance_deadline)}</dd></dl></li>`,
        )
        .join("");
      const html =
        `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>بلاغاتي</title></head><body>` +
        `<h1>بلاغاتي</h1><p>مرحبا ${escapeHtml(workerNameAr)}</p><ul>${items}</ul></body></html>`;
      res
        .writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" })
        .end(html);
    } catch (e) {
      res.writeHead(500, { "content-type": "text/plain" }).end(e instanceof Error ? e.message : "error");
    }
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sql = postgres(process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/balagh_scale", {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
  });
  const port = Number(process.env.PORT ?? 3022);
  const server = createBareServer(sql);
  server.keepAliveTimeout = 65_000;
  server.listen(port, "127.0.0.1", () => console.log(`bare server on http://127.0.0.1:${port}`));
  const stop = () => server.close(() => sql.end({ timeout: 5 }).then(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
