import { describe, expect, it } from "vitest";
import { DECISION_REASONS } from "@/lib/admin/decision-reasons";
import { adminTemplates, reasonLabel } from "@/lib/admin/templates";
import { renderTemplate } from "@/lib/notifications/templates";
import ar from "@/messages/admin-decisions/ar.json";
import en from "@/messages/admin-decisions/en.json";

const mail = {
  reference: "WA-2026-001234",
  establishmentAr: "شركة النور",
  establishmentEn: "Al Noor LLC",
  reasonCode: "evidence_sufficient",
  note: "Statement checked.",
  url: "https://balagh.test",
};

describe("decision messages", () => {
  it("every reason in the lists has words in both languages", () => {
    const codes = new Set(Object.values(DECISION_REASONS).flatMap((o) => Object.values(o).flat()));
    for (const code of codes) {
      expect(ar.adminDecisions.reasons).toHaveProperty(code);
      expect(en.adminDecisions.reasons).toHaveProperty(code);
    }
  });

  it("are merged into the service's template table", () => {
    for (const name of Object.keys(adminTemplates)) {
      expect(() =>
        renderTemplate(name as "worker.report-cancelled.sms", "en", {
          ...mail,
          outcome: "accepted",
          name: "Ramesh Kumar",
          deadline: null,
          refundRequested: false,
        } as never),
      ).not.toThrow();
    }
  });

  it("the approval SMS gives the grievance deadline in the worker's language", () => {
    const p = {
      outcome: "approved" as const,
      reference: mail.reference,
      establishmentAr: "ش",
      establishmentEn: "E",
      deadline: "2027-01-27",
      url: mail.url,
    };
    expect(renderTemplate("worker.report-decided.sms", "en", p).body).toContain("January 27, 2027");
    expect(renderTemplate("worker.report-decided.sms", "ar", p).body).toContain("٢٧ يناير ٢٠٢٧");
  });

  it("e-mails carry the reason in words and the reviewer's note, in both languages, the reader's first", () => {
    const r = renderTemplate("employer.report-decided.email", "ar", {
      ...mail,
      outcome: "rejected",
      deadline: null,
      refundRequested: true,
    });
    expect(r.body.indexOf("رفضت")).toBeLessThan(r.body.indexOf("rejected"));
    expect(r.body).toContain(reasonLabel("ar", "evidence_sufficient"));
    expect(r.body).toContain(en.adminDecisions.reasons.evidence_sufficient);
    expect(r.body).toContain("Statement checked.");
    expect(r.body).toContain("refund request");
    expect(r.subject).toContain("WA-2026-001234");
  });
});
