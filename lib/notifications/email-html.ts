import type { Locale } from "@/lib/i18n/routing";
import { emailFrames } from "@/messages/templates";

/**
 * The HTML of an e-mail: a small, hand-written, table-based layout around the plain text of the template
 * (which stays the single source of each message and is sent alongside as the text part). Arabic e-mails are
 * right-to-left (`<html dir="rtl" lang="ar">`, right-aligned cells for clients that ignore `dir`). The words
 * around the text (service, ministry, footer) are in messages/email-frame, in the reader's language. Everything
 * that comes from the message is escaped; only http(s) links become anchors.
 */

const FONT = "Tahoma, 'Segoe UI', Arial, sans-serif";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const URL_RE = /https?:\/\/[^\s<>"'«»]+/g;
const TRAILING = /[.,;:!?)\]،؛]+$/;

/** Escapes one line of text and turns its http(s) URLs into links (shown left-to-right inside Arabic). */
function renderLine(line: string): string {
  let out = "";
  let last = 0;
  for (const m of line.matchAll(URL_RE)) {
    let url = m[0];
    const trailing = TRAILING.exec(url)?.[0] ?? "";
    url = url.slice(0, url.length - trailing.length);
    const start = m.index;
    out += escapeHtml(line.slice(last, start));
    out += `<a href="${escapeHtml(url)}" dir="ltr" style="color:#0b6e4f;word-break:break-all;">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return out + escapeHtml(line.slice(last));
}

function renderBody(body: string, align: "right" | "left"): string {
  return body
    .replace(/\r\n/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<p style="margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.7;color:#1a1f1d;text-align:${align};">${p
          .split("\n")
          .map(renderLine)
          .join("<br>")}</p>`,
    )
    .join("\n");
}

export function renderEmailHtml(input: { subject: string; body: string; locale: Locale }): string {
  const { locale } = input;
  const dir = locale === "ar" ? "rtl" : "ltr";
  const align = locale === "ar" ? "right" : "left";
  const b = emailFrames[locale];
  const subject = escapeHtml(input.subject);
  return `<!DOCTYPE html>
<html dir="${dir}" lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${subject}</title>
</head>
<body dir="${dir}" style="margin:0;padding:0;background:#eef7f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#eef7f3;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" dir="${dir}" style="max-width:600px;background:#ffffff;border-top:6px solid #0b6e4f;">
<tr><td style="padding:20px 24px 4px;font-family:${FONT};font-size:14px;font-weight:bold;color:#0b6e4f;text-align:${align};">${escapeHtml(b.service)}</td></tr>
<tr><td style="padding:0 24px 12px;font-family:${FONT};font-size:13px;color:#4a5550;text-align:${align};">${escapeHtml(b.ministry)}</td></tr>
<tr><td style="padding:8px 24px 4px;text-align:${align};"><h1 style="margin:0 0 16px;font-family:${FONT};font-size:22px;line-height:1.4;color:#1a1f1d;">${subject}</h1></td></tr>
<tr><td style="padding:0 24px 8px;">
${renderBody(input.body, align)}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #d5ece2;font-family:${FONT};font-size:13px;line-height:1.6;color:#4a5550;text-align:${align};">${escapeHtml(b.footer)}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
}
