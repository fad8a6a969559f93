import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/routing";
import { smsSegments } from "@/lib/notifications/sms-segments";
import { renderTemplate, type TemplateName, type TemplateParams } from "@/lib/notifications/templates";

const url = "https://balagh.example.om/ar/worker";

// Realistic worst cases: a long establishment name, a full reference.
const samples: { [K in TemplateName]?: TemplateParams[K] } = {
  "employer.report-closed.email": {
    establishmentAr: "شركة النور للتجارة العامة والمقاولات",
    establishmentEn: "Al Noor General Trading & Contracting LLC",
    reference: "WA-2026-004217",
    cause: "legal_period_ended",
    refundAvailable: true,
    refundUntil: "2035-05-01",
    url,
  },
  "worker.grievance-closing.sms": {
    reference: "WA-2026-004217",
    establishment: "Al Noor Trading",
    deadline: "2026-08-03",
    url,
  },
  "worker.grievance-closing.email": {
    name: "Rahul Kumar",
    reference: "WA-2026-004217",
    establishment: "Al Noor Trading",
    deadline: "2026-08-03",
    url,
  },
};

describe("deadline templates", () => {
  for (const name of Object.keys(samples) as TemplateName[]) {
    for (const locale of locales) {
      it(`${name} renders in ${locale} with the reference and the link`, () => {
        const r = renderTemplate(name, locale, samples[name] as never);
        expect(r.body).toContain("WA-2026-004217");
        expect(r.body).toContain(url);
        expect(r.body).not.toContain("undefined");
        expect(r.body).not.toContain("Invalid Date");
        if (name.endsWith(".sms")) expect(r.subject).toBeUndefined();
        else expect(r.subject).toBeTruthy();
      });
    }
  }

  it("writes dates in the reader's language (Arabic-Indic digits in Arabic)", () => {
    const ar = renderTemplate("worker.grievance-closing.sms", "ar", samples["worker.grievance-closing.sms"]!);
    const en = renderTemplate("worker.grievance-closing.sms", "en", samples["worker.grievance-closing.sms"]!);
    expect(ar.body).toContain("٣ أغسطس ٢٠٢٦");
    expect(en.body).toMatch(/3 August 2026|August 3, 2026/);
  });

  it("keeps the grievance SMS short: two UCS-2 parts in Arabic, one GSM part in English", () => {
    const ar = smsSegments(
      renderTemplate("worker.grievance-closing.sms", "ar", samples["worker.grievance-closing.sms"]!).body,
    );
    const en = smsSegments(
      renderTemplate("worker.grievance-closing.sms", "en", samples["worker.grievance-closing.sms"]!).body,
    );
    expect(ar.encoding).toBe("ucs2");
    expect(ar.segments).toBeLessThanOrEqual(2);
    expect(en.encoding).toBe("gsm7");
    expect(en.segments).toBe(1);
  });
});
