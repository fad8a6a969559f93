/**
 * A client's `X-Request-Id` is kept only when it is short and plain (letters, digits, `.`, `_`, `-`; at most 64
 * characters), so a log line or a response header never carries 4 kB of `<>"'` chosen by a stranger; anything
 * else is replaced by a fresh UUID (issue 11).
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdFrom(sent: string | null | undefined): string {
  return sent && SAFE_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

/** The request id a route reads back (set by proxy.ts); null when it is not one proxy.ts would have kept. */
export function safeRequestId(value: string | null | undefined): string | null {
  return value && SAFE_REQUEST_ID.test(value) ? value : null;
}
