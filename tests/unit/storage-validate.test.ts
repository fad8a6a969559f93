import { describe, expect, it } from "vitest";
import { detectType, isUnacceptableFileName, sanitiseFileName, validateUpload } from "@/lib/storage/validate";
import { RULES } from "@/lib/reports/settings";

// Real headers of each kind of file (the rest of the bytes do not matter to the check).
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n");
const SVG = new TextEncoder().encode(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
);
const GIF = new TextEncoder().encode("GIF89a\x01\x00\x01\x00");
const HTML = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]); // also .docx

function padded(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(head);
  return out;
}

describe("upload type from magic bytes", () => {
  it("recognises PDF, JPEG and PNG", () => {
    expect(detectType(PDF)).toBe("application/pdf");
    expect(detectType(JPEG)).toBe("image/jpeg");
    expect(detectType(PNG)).toBe("image/png");
  });

  it("refuses SVG (even with a script), HTML, GIF, ZIP/Office and truncated headers", () => {
    for (const bytes of [SVG, HTML, GIF, ZIP, PNG.slice(0, 7), JPEG.slice(0, 2)])
      expect(detectType(bytes)).toBeNull();
    expect(validateUpload({ name: "logo.svg", bytes: SVG })).toEqual({ ok: false, code: "upload_type" });
    // Naming it .png changes nothing: the content decides.
    expect(validateUpload({ name: "logo.png", bytes: SVG })).toEqual({ ok: false, code: "upload_type" });
    expect(validateUpload({ name: "statement.pdf", bytes: HTML })).toEqual({
      ok: false,
      code: "upload_type",
    });
  });

  it("refuses a PNG named .pdf (name and content disagree)", () => {
    expect(validateUpload({ name: "bank-statement.pdf", bytes: PNG })).toEqual({
      ok: false,
      code: "upload_type_mismatch",
    });
    expect(validateUpload({ name: "licence.png", bytes: JPEG })).toEqual({
      ok: false,
      code: "upload_type_mismatch",
    });
  });

  it("accepts each allowed type with a matching name, reporting size and SHA-256", () => {
    const pdf = validateUpload({ name: "statement.PDF", bytes: PDF });
    expect(pdf).toMatchObject({
      ok: true,
      mimeType: "application/pdf",
      safeName: "statement.PDF",
      sizeBytes: PDF.length,
    });
    expect(pdf.ok && pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(validateUpload({ name: "photo.jpeg", bytes: JPEG })).toMatchObject({
      ok: true,
      mimeType: "image/jpeg",
      safeName: "photo.jpeg",
    });
    expect(validateUpload({ name: "photo.jpg", bytes: JPEG })).toMatchObject({
      ok: true,
      mimeType: "image/jpeg",
    });
  });

  it("gives a name without a known extension the content's extension", () => {
    expect(validateUpload({ name: "scan", bytes: PNG })).toMatchObject({ ok: true, safeName: "scan.png" });
    expect(validateUpload({ name: "page.html", bytes: PNG })).toMatchObject({
      ok: true,
      mimeType: "image/png",
      safeName: "page.html.png",
    });
  });
});

describe("upload size", () => {
  it("accepts exactly 5 MB and refuses one byte more", () => {
    expect(RULES.maxUploadBytes).toBe(5 * 1024 * 1024);
    expect(validateUpload({ name: "big.pdf", bytes: padded(PDF, RULES.maxUploadBytes) })).toMatchObject({
      ok: true,
      sizeBytes: RULES.maxUploadBytes,
    });
    expect(validateUpload({ name: "big.pdf", bytes: padded(PDF, RULES.maxUploadBytes + 1) })).toEqual({
      ok: false,
      code: "upload_too_large",
    });
  });

  it("refuses an empty file", () => {
    expect(validateUpload({ name: "empty.pdf", bytes: new Uint8Array(0) })).toEqual({
      ok: false,
      code: "upload_empty",
    });
  });
});

describe("file names", () => {
  it("keeps only the last path segment: no traversal", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\windows\\system32\\config")).toBe("config");
    expect(sanitiseFileName("C:\\fakepath\\كشف حساب.pdf")).toBe("كشف حساب.pdf");
  });

  it("refuses a name with a path, a control character, or over 255 characters (no browser sends one)", () => {
    for (const name of [
      "../../etc/passwd",
      "../../.ssh/authorized_keys.png",
      "..\\x.pdf",
      "C:\\fakepath\\a.pdf",
      "a\u0000.pdf",
      "a\r\nb.pdf",
      "a\tb.pdf",
      `${"x".repeat(252)}.pdf`,
    ]) {
      expect(validateUpload({ name, bytes: PDF }), JSON.stringify(name)).toEqual({
        ok: false,
        code: "upload_name",
      });
    }
    expect(isUnacceptableFileName(`${"x".repeat(251)}.pdf`)).toBe(false);
    expect(isUnacceptableFileName("كشف حساب (نهائي).pdf")).toBe(false);
    // Refused before the content is even looked at: an SVG with a traversal name gets the name's error.
    expect(validateUpload({ name: "../logo.png", bytes: SVG })).toEqual({ ok: false, code: "upload_name" });
  });

  it("drops leading dots, control and bidi-override characters, and header-breaking characters", () => {
    expect(sanitiseFileName(".htaccess")).toBe("htaccess");
    expect(sanitiseFileName("...")).toBe("");
    // U+202E RIGHT-TO-LEFT OVERRIDE would show "invoice\u202Efdp.exe" as "invoiceexe.pdf".
    expect(sanitiseFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitiseFileName('a\r\nContent-Type: text"; x<y>|?*.pdf')).toBe(
      "aContent-Type_ text_; x_y____.pdf",
    );
    expect(validateUpload({ name: "...", bytes: PNG })).toMatchObject({ ok: true, safeName: "file.png" });
  });

  it("shortens long names to 100 characters, keeping the extension", () => {
    const long = `${"ب".repeat(300)}.pdf`;
    const safe = sanitiseFileName(long);
    expect([...safe].length).toBe(100);
    expect(safe.endsWith(".pdf")).toBe(true);
  });
});
