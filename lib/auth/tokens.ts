import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { authTokens } from "@/db/schema";
import type { Tx } from "@/db";

type TokenKind = (typeof authTokens.$inferInsert)["kind"];
type UserKind = (typeof authTokens.$inferInsert)["userKind"];

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a single-use token; only its SHA-256 is stored, the token itself goes into a link. */
export async function issueToken(
  tx: Tx,
  input: { kind: TokenKind; userKind: UserKind; userId: string; ttlMs: number },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.insert(authTokens).values({
    kind: input.kind,
    tokenHash: hashToken(token),
    userKind: input.userKind,
    userId: input.userId,
    expiresAt: new Date(Date.now() + input.ttlMs),
  });
  return token;
}

/**
 * Marks a valid token used and returns whose it was; null when unknown, expired or already used. With
 * `userKind`, a token issued to another kind of user (an employer's invitation on the staff page, say) is
 * neither accepted nor spent.
 */
export async function consumeToken(
  tx: Tx,
  kind: TokenKind,
  token: string,
  userKind?: UserKind,
): Promise<{ userId: string } | null> {
  const [row] = await tx
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
        userKind ? eq(authTokens.userKind, userKind) : undefined,
      ),
    )
    .returning({ userId: authTokens.userId });
  return row ?? null;
}

/** Reads a valid token without using it up (to show a form before the final submit). */
export async function peekToken(
  tx: Tx,
  kind: TokenKind,
  token: string,
  userKind?: UserKind,
): Promise<{ userId: string } | null> {
  const [row] = await tx
    .select({ userId: authTokens.userId })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
        userKind ? eq(authTokens.userKind, userKind) : undefined,
      ),
    );
  return row ?? null;
}
