/**
 * Script payloads in every message the service sends: whatever an outsider typed (an establishment's or a
 * worker's name, a staff member's note...) reaches the e-mail HTML as text, never as markup. SMS and the
 * plain-text part are plain text: they carry the payload as typed, and no client renders them as HTML.
 */
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/routing";
import { renderEmailHtml } from "@/lib/notifications/email-html";
import { renderTemplate, templateNames, type TemplateName } from "@/lib/notifications/templates";

const PAYLOADS = [
  "<script>alert(1)</script>",
  `"><img src=x onerror=alert(1)>`,
  "مؤسسة <script>alert('عربي')</script> النور",
];

/**
 * Params for any template with the payload in every text field. Dates, numbers and codes get plausible values
 * by their names (a date that is not a date is not what this test is about).
 */
function paramsWith(payload: string): Record<string, unknown> {
  return new Proxy(
    {},
    {
      get(_t, key) {
        if (typeof key !== "string") return undefined;
        if (/url$/i.test(key)) return `https://balagh.example.om/ar/x?q=${encodeURIComponent(payload)}`;
        if (/(date|deadline|until|ends|^lastDay|On$|At$|from$|^due)/i.test(key)) return "2026-08-03";
        if (/(days|count|baisa|amount|minutes|hours|segments|number)$/i.test(key)) return 7;
        if (/(reference)$/i.test(key)) return "WA-2026-004217";
        return payload;
      },
      has: () => true,
    },
  );
}

describe("payloads in e-mails and SMS", () => {
  for (const name of templateNames()) {
    for (const locale of locales) {
      it(`${name} (${locale}): the HTML shows the payload as text`, () => {
        for (const payload of PAYLOADS) {
          let rendered;
          try {
            rendered = renderTemplate(name as TemplateName, locale, paramsWith(payload) as never);
          } catch {
            // A template that needs a code from a fixed list (a reason, a role) is fed one by its own tests.
            continue;
          }
          const html = renderEmailHtml({ subject: rendered.subject ?? "", body: rendered.body, locale });
          expect(html).not.toMatch(/<script|<img|<svg|<[^>]*onerror=/i);
          if (rendered.body.includes(payload)) {
            // Escaped, so it reads exactly as typed.
            expect(html).toContain(
              payload
                .replace(/&/g, "&amp;")
                .replace(/</g, "&lt;")
                .replace(/>/g, "&gt;")
                .replace(/"/g, "&quot;")
                .replace(/'/g, "&#39;"),
            );
          }
        }
      });
    }
  }

  it("covers templates that carry the payload (the test is not empty)", () => {
    const carrying = templateNames().filter((name) => {
      try {
        return renderTemplate(name as TemplateName, "en", paramsWith(PAYLOADS[0]!) as never).body.includes(
          PAYLOADS[0]!,
        );
      } catch {
        return false;
      }
    });
    expect(carrying.length).toBeGreaterThan(10);
  });
});
