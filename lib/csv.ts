/**
 * CSV for staff exports (RFC 4180), written as a stream so a large list never sits in memory.
 *
 * - UTF-8 with a byte-order mark: without it Excel reads the file as the system code page and Arabic turns
 *   into mojibake.
 * - Formula injection: a spreadsheet evaluates a cell that starts with = + - @ (or a tab or carriage return
 *   that some programs strip first). Such a cell is prefixed with a single quote, so a worker's name such as
 *   `=HYPERLINK(...)` stays text. This changes negative numbers too, which is why numbers are written as
 *   numbers (not strings) and never neutralised: only text is.
 * - Quoting: a cell containing a comma, a double quote, CR or LF is wrapped in double quotes, with inner
 *   quotes doubled. Rows end with CRLF.
 */

export const CSV_BOM = "\uFEFF";

export type CsvCell = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  let text = value instanceof Date ? value.toISOString() : value;
  if (!(value instanceof Date) && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly CsvCell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvCell };

/**
 * A stream of CSV bytes: the BOM and the header row, then each page of rows as `nextPage` returns it.
 * `nextPage(after)` receives the last row of the previous page (null for the first) and returns the next
 * page; an empty page ends the file. Keyset pagination belongs in `nextPage`: the writer only asks for more
 * when the reader pulls, so a slow download holds one page at a time.
 */
export function csvStream<Row>(
  columns: readonly CsvColumn<Row>[],
  nextPage: (after: Row | null) => Promise<readonly Row[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last: Row | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(columns.map((c) => c.header))));
        return;
      }
      try {
        const rows = await nextPage(last);
        if (rows.length === 0) {
          controller.close();
          return;
        }
        last = rows[rows.length - 1]!;
        controller.enqueue(encoder.encode(rows.map((r) => csvRow(columns.map((c) => c.value(r)))).join("")));
      } catch (e) {
        controller.error(e);
      }
    },
  });
}

/** The headers of a CSV download; the filename is ASCII so every browser keeps it. */
export function csvHeaders(filename: string): HeadersInit {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safe}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}
