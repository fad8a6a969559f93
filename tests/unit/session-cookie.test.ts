import { describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { sessionIdFromToken, SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";

// Our reader of Auth.js's session cookie derives the key once per process; it must accept exactly what
// Auth.js's own encode writes, and nothing else.
const SECRET = "unit-test-secret-unit-test-secret-0123";
const SID = "7b0b7c1e-2f43-4e55-9d4a-3f1de0c1a001";

describe("session cookie", () => {
  it("reads the sid Auth.js encrypted, under either cookie name (the name is the key's salt), twice", async () => {
    for (const salt of SESSION_COOKIE_NAMES) {
      const token = await encode({ token: { sid: SID, sub: SID }, secret: SECRET, salt, maxAge: 3600 });
      expect(await sessionIdFromToken(token, salt, SECRET)).toBe(SID);
      expect(await sessionIdFromToken(token, salt, SECRET)).toBe(SID); // the cached key
    }
  });

  it("refuses another secret, another cookie's salt, a tampered token, an expired one, and no secret", async () => {
    const salt = "authjs.session-token";
    const token = await encode({ token: { sid: SID }, secret: SECRET, salt, maxAge: 3600 });
    expect(await sessionIdFromToken(token, salt, `${SECRET}x`)).toBeNull();
    expect(await sessionIdFromToken(token, "__Secure-authjs.session-token", SECRET)).toBeNull();
    const parts = token.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(await sessionIdFromToken(parts.join("."), salt, SECRET)).toBeNull();
    const expired = await encode({ token: { sid: SID }, secret: SECRET, salt, maxAge: -60 });
    expect(await sessionIdFromToken(expired, salt, SECRET)).toBeNull();
    expect(await sessionIdFromToken(token, salt, "")).toBeNull();
    expect(await sessionIdFromToken("not-a-token", salt, SECRET)).toBeNull();
  });

  it("gives null when the token has no sid", async () => {
    const salt = "authjs.session-token";
    const token = await encode({ token: { sub: "x" }, secret: SECRET, salt, maxAge: 3600 });
    expect(await sessionIdFromToken(token, salt, SECRET)).toBeNull();
  });
});
