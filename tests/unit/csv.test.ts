import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvRow, csvStream, type CsvColumn } from "@/lib/csv";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

describe("csvCell", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Al Noor")).toBe("Al Noor");
    expect(csvCell("مؤسسة النور")).toBe("مؤسسة النور");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("x\r\ny")).toBe('"x\r\ny"');
  });

  it("neutralises cells a spreadsheet would evaluate", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+968")).toBe("'+968");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe('"\'\rcmd"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it("writes dates as ISO text", () => {
    expect(csvCell(new Date("2019-03-04T05:06:07.000Z"))).toBe("2019-03-04T05:06:07.000Z");
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", 1, null])).toBe("a,1,\r\n");
  });
});

describe("csvStream", () => {
  type Row = { id: number; name: string };
  const columns: CsvColumn<Row>[] = [
    { header: "id", value: (r) => r.id },
    { header: "الاسم", value: (r) => r.name },
  ];
  const all: Row[] = [
    { id: 1, name: "أحمد" },
    { id: 2, name: "=cmd" },
    { id: 3, name: "<script>alert(1)</script>" },
    { id: 4, name: "Smith, John" },
    { id: 5, name: "last" },
  ];

  it("starts with the UTF-8 BOM, pages by keyset and decodes back to the rows", async () => {
    const calls: (number | null)[] = [];
    const stream = csvStream(columns, async (after) => {
      calls.push(after?.id ?? null);
      return all.filter((r) => r.id > (after?.id ?? 0)).slice(0, 2);
    });
    const bytes = await readAll(stream);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.slice(1)).toBe(
      'id,الاسم\r\n1,أحمد\r\n2,\'=cmd\r\n3,<script>alert(1)</script>\r\n4,"Smith, John"\r\n5,last\r\n',
    );
    // Three pages of two, two and one row, then one empty page that ends the file.
    expect(calls).toEqual([null, 2, 4, 5]);
  });

  it("passes a failing page on as a stream error", async () => {
    const stream = csvStream(columns, async () => {
      throw new Error("db down");
    });
    await expect(readAll(stream)).rejects.toThrow("db down");
  });
});

describe("csvCell with script and formula payloads (issue 6 §5)", () => {
  it("keeps markup as plain text: a CSV is never HTML", () => {
    expect(csvCell("<script>alert(1)</script>")).toBe("<script>alert(1)</script>");
    expect(csvCell(`"><img src=x onerror=alert(1)>`)).toBe(`"""><img src=x onerror=alert(1)>"`);
    expect(csvCell("مؤسسة <script>alert('عربي')</script>")).toBe("مؤسسة <script>alert('عربي')</script>");
  });

  it("neutralises every formula start in Arabic text too, and treats numbers and number-like text consistently", () => {
    expect(csvCell("=عربي")).toBe("'=عربي");
    expect(csvCell("-ملاحظة")).toBe("'-ملاحظة");
    expect(csvCell("@عربي")).toBe("'@عربي");
    expect(csvCell("+96891234567")).toBe("'+96891234567");
    // A number is a number: never prefixed, whatever its sign. Text that looks like one is text, prefixed.
    expect(csvCell(-1.5)).toBe("-1.5");
    expect(csvCell("-1.500")).toBe("'-1.500");
    expect(csvCell(0)).toBe("0");
  });
});
