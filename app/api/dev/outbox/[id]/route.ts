import { eq } from "drizzle-orm";
import { db } from "@/db";
import { notifications } from "@/db/schema";
import { isDemoMode } from "@/lib/config";
import { isLocale } from "@/lib/i18n/routing";
import { renderEmailHtml } from "@/lib/notifications/email-html";
import { isUuid } from "@/lib/ids";

export const dynamic = "force-dynamic";

/**
 * Development and demo only: one recorded e-mail as HTML, for the outbox page's preview frame. E-mails need
 * inline styles, which the pages' policy does not allow (a `srcdoc` frame would inherit it), so the preview is
 * its own document with its own policy: inline styles and nothing else; no script, no loads, sandboxed, and
 * framed only by our own pages.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const row =
    isDemoMode() && isUuid(id)
      ? (await db.select().from(notifications).where(eq(notifications.id, id)).limit(1))[0]
      : undefined;
  if (!row || row.channel !== "email") {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
    });
  }
  const html = renderEmailHtml({
    subject: row.subject ?? "",
    body: row.body,
    locale: isLocale(row.locale) ? row.locale : "ar",
  });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
