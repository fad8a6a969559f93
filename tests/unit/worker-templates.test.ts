import { describe, expect, it } from "vitest";
import { renderTemplate } from "@/lib/notifications/templates";

const CODE = "482913";

describe("worker sign-in code messages", () => {
  it("put the code and its lifetime in the SMS, in one segment, in both languages", () => {
    const ar = renderTemplate("worker.sign-in-code-sms", "ar", { code: CODE, minutes: 5 });
    const en = renderTemplate("worker.sign-in-code-sms", "en", { code: CODE, minutes: 5 });
    expect(ar.body).toContain(CODE);
    expect(ar.body).toContain("5 دقائق");
    expect(ar.body).toMatch(/[\u0600-\u06FF]/);
    expect(en.body).toContain(CODE);
    expect(en.body).toContain("5 minutes");
    // One SMS segment: 70 UCS-2 characters for Arabic, 160 GSM-7 characters for English.
    expect([...ar.body].length).toBeLessThanOrEqual(70);
    expect(en.body.length).toBeLessThanOrEqual(160);
    expect(ar.subject).toBeUndefined();
  });

  it("give the e-mail a subject and the code, in both languages", () => {
    const ar = renderTemplate("worker.sign-in-code-email", "ar", { code: CODE, minutes: 5 });
    const en = renderTemplate("worker.sign-in-code-email", "en", { code: CODE, minutes: 5 });
    expect(ar.subject).toMatch(/رمز الدخول/);
    expect(en.subject).toMatch(/sign-in code/);
    expect(ar.body).toContain(CODE);
    expect(en.body).toContain(CODE);
    expect(en.body).toMatch(/Never give this code to anyone/);
  });
});

describe("grievance messages", () => {
  it("confirm receipt to the worker by SMS with the report reference, in one segment", () => {
    const ar = renderTemplate("worker.grievance-received-sms", "ar", { reference: "WA-2026-012345" });
    const en = renderTemplate("worker.grievance-received-sms", "en", { reference: "WA-2026-012345" });
    expect(ar.body).toContain("WA-2026-012345");
    expect(en.body).toContain("WA-2026-012345");
    expect([...ar.body].length).toBeLessThanOrEqual(70);
    expect(en.body.length).toBeLessThanOrEqual(160);
  });

  it("tell the employer that a grievance exists, without its content", () => {
    for (const locale of ["ar", "en"] as const) {
      const m = renderTemplate("employer.grievance-filed", locale, {
        establishment: "Al Noor",
        reference: "WA-2026-012345",
      });
      expect(m.subject).toContain("WA-2026-012345");
      expect(m.body).toContain("WA-2026-012345");
      expect(m.body).toContain("Al Noor");
    }
  });
});
