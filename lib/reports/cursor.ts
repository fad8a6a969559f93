import { isMicrosecondUtc, packCursor, unpackCursor } from "@/lib/cursor";
import { isUuid } from "@/lib/ids";

/**
 * Keyset pagination over an establishment's reports, newest first: ORDER BY created_at DESC, id DESC, and a
 * page starts strictly after (or before) the (created_at, id) pair in the cursor — never OFFSET, so a page is
 * as quick at the thousandth report as at the first and no row is shown twice or skipped when new ones arrive.
 *
 * The cursor keeps created_at as PostgreSQL's full microsecond UTC text: a JavaScript Date has only
 * milliseconds, and rounding would skip rows created within the same millisecond.
 */
export type ReportCursor = { createdAt: string; id: string };

export function encodeCursor(cursor: ReportCursor): string {
  return packCursor([cursor.createdAt, cursor.id]);
}

/** The cursor in a URL, or null when it is missing or not one of ours (a tampered cursor is just ignored). */
export function decodeCursor(value: string | null | undefined): ReportCursor | null {
  const [createdAt, id] = unpackCursor(value, 2, 120) ?? [];
  if (!createdAt || !id || !isMicrosecondUtc(createdAt) || !isUuid(id)) return null;
  return { createdAt, id };
}
