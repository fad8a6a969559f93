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
  'select "id", "user_kind", "user_id", "created_at", "expires_at", "revoked_at", "last_seen_at", "ip", "user_agent" from "sessions" where ("sessions"."id" = $1 and "sessions"."revoked_at" is null and "sessions"."expires_at" > $2)';
export const WORKER_SQL =
  'select "id", "civil_id", "passport_number", "name_ar", "name_en", "nationality", "date_of_birth", "mobile", "email", "establishment_id", "occupation", "permit_number", "permit_status", "entered_oman_on", "created_at" from "workers" where "workers"."id" = $1';
export const PROFILE_SQL = 'select "name_ar", "name_en", "mobile", "civil_id" from "workers" where "workers"."id" = $1';
export const REPORTS_SQL =
  'select "reports"."id", "reports"."reference", "reports"."status", "reports"."last_day_at_work", "reports"."submitted_at", "reports"."approved_at", "reports"."grievance_deadline", "establishments"."name_ar", "establishments"."name_en" from "reports" inner join "establishments" on "establishments"."id" = "reports"."establishment_id" where ("reports"."worker_id" = $1 and "reports"."status" in ($2, $3, $4, $5, $6)) order by "reports"."submitted_at" desc, "reports"."created_at" desc';

export const BARE_SQL = [SESSION_SQL, WORKER_SQL, PROFILE_SQL, REPORTS_SQL];

const VISIBLE = ["submitted", "approved", "rejected", "cancelled", "closed"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const dateFormat = new Intl.DateTimeFormat("ar-OM", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Muscat" });
const formatDate = (d) => (d ? dateFormat.format(d instanceof Date ? d : new Date(d)) : "—");

export function createBareServer(sql) {
  // `prepare: true` (the default), as the app's client: each statement is parsed once per connection.
  const session = (id) => sql.unsafe(SESSION_SQL, [id, new Date()], { prepare: true });
  const worker = (id) => sql.unsafe(WORKER_SQL, [id], { prepare: true });
  const profile = (id) => sql.unsafe(PROFILE_SQL, [id], { prepare: true });
  const reports = (id) => sql.unsafe(REPORTS_SQL, [id, ...VISIBLE], { prepare: true });

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
      const [w] = s && s.user_kind === "worker" ? await worker(s.user_id) : [];
      if (!w) {
        res.writeHead(307, { location: "/ar/sign-in/worker" }).end();
        return;
      }
      const [[p], rows] = await Promise.all([profile(w.id), reports(w.id)]);
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
        `<h1>بلاغاتي</h1><p>مرحبا ${escapeHtml(p?.name_ar ?? w.name_ar)}</p><ul>${items}</ul></body></html>`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" }).end(html);
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
