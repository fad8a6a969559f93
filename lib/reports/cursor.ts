/**
 * Keyset pagination over an establishment's reports, newest first: ORDER BY created_at DESC, id DESC, and a
 * page starts strictly after (or before) the (created_at, id) pair in the cursor — never OFFSET, so a page is
 * as quick at the thousandth report as at the first and no row is shown twice or skipped when new ones arrive.
 *
 * The cursor keeps created_at as PostgreSQL's full microsecond UTC text: a JavaScript Date has only
 * milliseconds, and rounding would skip rows created within the same millisecond.
 */
export type ReportCursor = { createdAt: string; id: string };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: ReportCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in a URL, or null when it is missing or not one of ours (a tampered cursor is just ignored). */
export function decodeCursor(value: string | null | undefined): ReportCursor | null {
  if (!value || value.length > 120 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const text = Buffer.from(value, "base64url").toString("utf8");
  const [createdAt, id, ...rest] = text.split("|");
  if (rest.length > 0 || !createdAt || !id) return null;
  if (!TIMESTAMP.test(createdAt) || !UUID.test(id)) return null;
  if (Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}
