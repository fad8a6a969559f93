/**
 * The one encoding of a keyset pagination cursor (reports, staff queues, refunds, the audit log): the row's
 * position as a few fields joined by "|", base64url-encoded so it travels in a URL untouched. Each list
 * decides what its fields are and checks them; a cursor that is missing or not one of ours is just ignored
 * (the first page is shown), never an error.
 */
export function packCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(parts.join("|"), "utf8").toString("base64url");
}

/** The `count` fields of a cursor from a URL, or null when it is missing, too long or not `count` fields. */
export function unpackCursor(
  value: string | null | undefined,
  count: number,
  maxLength = 160,
): string[] | null {
  if (!value || value.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const parts = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (parts.length !== count || parts.some((p) => !p)) return null;
  return parts;
}

/**
 * A timestamp as PostgreSQL's microsecond UTC text (`to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`): cursors
 * keep it as text, since a JavaScript Date has only milliseconds and rounding would skip rows.
 */
export function isMicrosecondUtc(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(text) && !Number.isNaN(Date.parse(text));
}
