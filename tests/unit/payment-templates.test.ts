import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/notifications/templates";

const sms = {
  establishmentAr: "شركة النور للمقاولات ش.م.م",
  establishmentEn: "Al Noor Contracting LLC",
  reference: "WA-2026-010003",
  appUrl: "https://balagh.example.om",
  grievanceDays: 60,
};

describe("the worker's SMS", () => {
  it("says who filed, the reference, where to sign in and until when to object, in the worker's language", () => {
    const en = renderTemplate("worker.report-filed.sms", "en", sms).body;
    expect(en).toContain("Al Noor Contracting LLC");
    expect(en).toContain("WA-2026-010003");
    expect(en).toContain("https://balagh.example.om/en/sign-in/worker");
    expect(en).toContain("civil ID");
    expect(en).toContain("60 days after approval");
    const ar = renderTemplate("worker.report-filed.sms", "ar", sms).body;
    expect(ar).toContain("شركة النور للمقاولات");
    expect(ar).toContain("https://balagh.example.om/ar/sign-in/worker");
    expect(ar).toContain("60 يوماً");
  });

  it("stays short enough for a few SMS parts", () => {
    // 160 GSM-7 characters a part in English, 70 UCS-2 characters in Arabic; at most 2 and 4 parts here.
    expect(renderTemplate("worker.report-filed.sms", "en", sms).body.length).toBeLessThanOrEqual(2 * 153);
    expect(renderTemplate("worker.report-filed.sms", "ar", sms).body.length).toBeLessThanOrEqual(4 * 67);
  });
});

describe("the e-mails", () => {
  it("give the worker both languages, theirs first", () => {
    const params = {
      ...sms,
      workerNameAr: "راميش كومار",
      workerNameEn: "Ramesh Kumar",
      lastDayAtWork: "2026-11-01",
    };
    const en = renderTemplate("worker.report-filed.email", "en", params);
    expect(en.subject).toMatch(/^Work-abandonment report WA-2026-010003 .* \/ بلاغ/);
    expect(en.body.indexOf("Ramesh Kumar")).toBeLessThan(en.body.indexOf("راميش كومار"));
    expect(en.body).toMatch(/November 1, 2026|1 November 2026/);
    const ar = renderTemplate("worker.report-filed.email", "ar", params);
    expect(ar.body.indexOf("راميش كومار")).toBeLessThan(ar.body.indexOf("Ramesh Kumar"));
  });

  it("give the employer the amount with three decimals in each language", () => {
    const r = renderTemplate("employer.report-submitted.email", "ar", {
      establishmentAr: sms.establishmentAr,
      establishmentEn: sms.establishmentEn,
      workerNameAr: "راميش كومار",
      workerNameEn: "Ramesh Kumar",
      reference: sms.reference,
      amountBaisa: 145_500,
      appUrl: sms.appUrl,
      reportId: "00000000-0000-4000-8000-000000000001",
    });
    expect(r.body).toContain("145.500");
    expect(r.body).toContain("١٤٥٫٥٠٠");
    expect(r.body).toContain(
      "https://balagh.example.om/en/employer/reports/00000000-0000-4000-8000-000000000001",
    );
  });
});
