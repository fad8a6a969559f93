import "server-only";
import { hkdfSync } from "node:crypto";
import { cookies } from "next/headers";
import { base64url, calculateJwkThumbprint, jwtDecrypt } from "jose";

/**
 * Reads the session id out of Auth.js's session cookie, as Auth.js's own `decode` (@auth/core/jwt) does, but
 * with the encryption key derived once per process instead of on every request (issue 12: HKDF and the key's
 * thumbprint were a measured share of every signed-in page's CPU). Same cookie, same key (HKDF-SHA-256 of
 * AUTH_SECRET with the cookie name as salt), same checks (authenticated encryption, expiry with 15 s of
 * tolerance): Auth.js still writes the cookie at sign-in and clears it at sign-out.
 *
 * `auth()` in a Server Component also re-encrypted the token for a sliding expiry that a Server Component
 * cannot set anyway; a session's lifetime is its row in `sessions` (lib/auth/sessions.ts).
 */

/** Auth.js's cookie names: over https it carries the __Secure- prefix; the name is also the key's salt. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

type Key = { key: Uint8Array; kid: string };
const keys = new Map<string, Promise<Key>>();

function derivedKey(secret: string, salt: string, enc: string): Promise<Key> {
  const id = `${enc}\u0000${salt}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = (async () => {
      const length = enc === "A256CBC-HS512" ? 64 : 32;
      const bytes = new Uint8Array(
        hkdfSync("sha256", secret, salt, `Auth.js Generated Encryption Key (${salt})`, length),
      );
      const kid = await calculateJwkThumbprint(
        { kty: "oct", k: base64url.encode(bytes) },
        length === 64 ? "sha512" : "sha256",
      );
      return { key: bytes, kid };
    })();
    keys.set(id, key);
  }
  return key;
}

/** The `sid` claim of an Auth.js session token, or null for anything else (tampered, expired, wrong key). */
export async function sessionIdFromToken(
  token: string,
  salt: string,
  secret: string | undefined = process.env.AUTH_SECRET,
): Promise<string | null> {
  if (!token || !secret) return null;
  try {
    const { payload } = await jwtDecrypt(
      token,
      async ({ kid, enc }) => {
        const k = await derivedKey(secret, salt, enc);
        if (kid !== undefined && kid !== k.kid) throw new Error("no matching key");
        return k.key;
      },
      {
        clockTolerance: 15,
        keyManagementAlgorithms: ["dir"],
        contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
      },
    );
    return typeof payload.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

/** This request's session id from its Auth.js cookie (whole or in Auth.js's chunks), or null. */
export async function readSessionId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    let token = jar.get(name)?.value;
    if (!token) {
      // Auth.js splits a cookie over 4 kB into name.0, name.1, …
      const chunks: string[] = [];
      for (let i = 0; ; i++) {
        const part = jar.get(`${name}.${i}`)?.value;
        if (part === undefined) break;
        chunks.push(part);
      }
      token = chunks.join("");
    }
    if (token) return sessionIdFromToken(token, name);
  }
  return null;
}
