import ar from "@/messages/core/ar.json";
import en from "@/messages/core/en.json";

/**
 * Requests no page or route could answer sensibly, refused in proxy.ts before they reach one (issue 11,
 * finding 5): each used to be a 500 (or, for a very long path, ~30 kB of `Link` headers echoing it).
 * - a NUL character anywhere in the address (PostgreSQL cannot hold it in text): 400;
 * - a `%` that does not start a percent-escape (Next.js fails to decode the path): 400;
 * - a path over 2,000 characters or a segment over 255: 404 (no such page exists);
 * - Auth.js's own error page (`/api/auth/error`, a 500 for `?error=Configuration`): 400;
 * - a body over 16 MB by its Content-Length (the limit of next.config.ts): 413.
 */
export const MAX_PATH = 2_000;
export const MAX_SEGMENT = 255;
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export type Refused = 400 | 404 | 413;

export function refusedStatus(req: {
  url: string;
  method: string;
  contentLength: string | null;
}): Refused | null {
  const u = new URL(req.url);
  const raw = u.pathname + u.search;
  if (/%00/i.test(raw) || raw.includes("\u0000")) return 400;
  if (/%(?![0-9a-f]{2})/i.test(u.pathname)) return 400;
  if (/%(?![0-9a-f]{2})/i.test(u.search)) return 400;
  if (u.pathname.length > MAX_PATH || u.pathname.split("/").some((s) => s.length > MAX_SEGMENT)) return 404;
  if (u.pathname === "/api/auth/error") return 400;
  const length = Number(req.contentLength ?? 0);
  if (req.method !== "GET" && req.method !== "HEAD" && length > MAX_BODY_BYTES) return 413;
  return null;
}

/** The request's language: its path's locale, else Accept-Language, else Arabic. */
export function localeOfRequest(pathname: string, acceptLanguage: string | null): "ar" | "en" {
  const first = pathname.split("/")[1];
  if (first === "ar" || first === "en") return first;
  const al = (acceptLanguage ?? "").toLowerCase();
  const arAt = al.indexOf("ar");
  const enAt = al.indexOf("en");
  if (enAt !== -1 && (arAt === -1 || enAt < arAt)) return "en";
  return "ar";
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The service's own error page for a refused request, in the request's language (no script, no style). */
export function refusedPage(status: Refused, locale: "ar" | "en"): string {
  const m = locale === "ar" ? ar : en;
  const text = status === 413 ? m.tooLarge : status === 404 ? m.notFound : m.badRequest;
  const title = `${text.title} — ${m.meta.serviceName}`;
  return [
    "<!doctype html>",
    `<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>`,
    `<body><main><p>${escape(m.meta.ministry)} — ${escape(m.meta.serviceName)}</p>`,
    `<h1>${escape(text.title)}</h1><p>${escape(text.lead)}</p>`,
    `<p><a href="/${locale}">${escape(m.meta.serviceName)}</a></p></main></body></html>`,
  ].join("");
}
