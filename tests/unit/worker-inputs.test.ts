import { describe, expect, it } from "vitest";
import { grievanceGroundEnum } from "@/db/schema";
import { GRIEVANCE_GROUND_VALUES } from "@/lib/grievances/ground-values";
import { grievanceSchema } from "@/lib/grievances/schemas";
import { checkUploads, sniffKind } from "@/lib/workers/upload";
import { normalisePhone, workerCodeRequestSchema, workerCodeSchema } from "@/lib/workers/schemas";

describe("civil ID", () => {
  it("accepts up to 9 digits, in Latin or Arabic-Indic digits, with spaces", () => {
    expect(workerCodeRequestSchema.parse({ civilId: "100000001" }).civilId).toBe("100000001");
    expect(workerCodeRequestSchema.parse({ civilId: "١٠٠٠٠٠٠٠١" }).civilId).toBe("100000001");
    expect(workerCodeRequestSchema.parse({ civilId: "۱۲۳ ۴۵۶" }).civilId).toBe("123456");
    expect(workerCodeRequestSchema.parse({ civilId: " 1234-5678 " }).civilId).toBe("12345678");
  });

  it("refuses letters, more than 9 digits and nothing at all, with a code to show", () => {
    const issue = (v: string) => workerCodeRequestSchema.safeParse({ civilId: v }).error?.issues[0]?.message;
    expect(issue("1234567890")).toBe("civil_id_format");
    expect(issue("12a45")).toBe("civil_id_format");
    expect(issue("")).toBe("civil_id_required");
  });
});

describe("one-time code", () => {
  it("is exactly 6 digits, Arabic-Indic accepted", () => {
    expect(workerCodeSchema.parse({ code: "٤٨٢٩١٣" }).code).toBe("482913");
    expect(workerCodeSchema.parse({ code: "482 913" }).code).toBe("482913");
    expect(workerCodeSchema.safeParse({ code: "48291" }).error?.issues[0]?.message).toBe("code_format");
  });
});

describe("contact phone (E.164)", () => {
  it("reads Omani numbers typed in any usual way", () => {
    for (const v of ["91234567", "9123 4567", "+968 9123 4567", "0096891234567", "96891234567", "٩١٢٣٤٥٦٧"]) {
      expect(normalisePhone(v)).toBe("+96891234567");
    }
    expect(normalisePhone("24123456")).toBe("+96824123456");
  });

  it("refuses an Omani number of the wrong length or start", () => {
    expect(normalisePhone("+9689123456")).toBeNull();
    expect(normalisePhone("+968912345678")).toBeNull();
    expect(normalisePhone("51234567")).toBeNull();
    expect(normalisePhone("1234")).toBeNull();
  });

  it("accepts foreign numbers with their country code", () => {
    expect(normalisePhone("+91 98765 43210")).toBe("+919876543210");
    expect(normalisePhone("00880 1712 345678")).toBe("+8801712345678");
  });
});

describe("grievance form", () => {
  it("offers exactly the database's grounds", () => {
    expect([...GRIEVANCE_GROUND_VALUES]).toEqual(grievanceGroundEnum.enumValues);
  });

  it("says what to fix, field by field", () => {
    const r = grievanceSchema.safeParse({
      reportId: "4f1c2e8a-7b6d-4e3f-9a1b-2c3d4e5f6a7b",
      statement: "short",
      contactPhone: "123",
    });
    const byField = Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(byField).toEqual({
      grounds: "grounds_required",
      statement: "statement_too_short",
      contactPhone: "phone_format",
    });
  });
});

describe("attachments", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n%…");
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

  it("are recognised by their first bytes, not their names", () => {
    expect(sniffKind(pdf)?.mime).toBe("application/pdf");
    expect(sniffKind(png)?.mime).toBe("image/png");
    expect(sniffKind(jpg)?.mime).toBe("image/jpeg");
    expect(
      checkUploads([{ name: "payslip.pdf", bytes: new TextEncoder().encode("<html>not a pdf") }]),
    ).toEqual({ ok: false, code: "file_type" });
  });

  it("are at most 5 MB each, never empty, at most 3", () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(pdf);
    expect(checkUploads([{ name: "a.pdf", bytes: big }])).toEqual({ ok: false, code: "file_too_large" });
    expect(checkUploads([{ name: "a.pdf", bytes: new Uint8Array(0) }])).toEqual({
      ok: false,
      code: "file_empty",
    });
    expect(checkUploads([1, 2, 3, 4].map(() => ({ name: "a.pdf", bytes: pdf })))).toEqual({
      ok: false,
      code: "too_many_files",
    });
    // A path in the name is a hand-made request: refused, not cleaned up (lib/storage/validate.ts).
    expect(checkUploads([{ name: "../../etc/passwd.png", bytes: png }])).toEqual({
      ok: false,
      code: "file_name",
    });
    const ok = checkUploads([{ name: "  passwd.png ", bytes: png }]);
    expect(ok.ok && ok.files[0]?.originalName).toBe("passwd.png");
  });
});
