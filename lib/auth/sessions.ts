import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "@/db";
import { employerUsers, sessions, staffUsers, workers } from "@/db/schema";
import type { Actor } from "./actor";

export type UserKind = "employer" | "staff" | "worker";

/** How long a session lives without being revoked. Staff sessions are shorter: they see everyone's data. */
export const SESSION_TTL_MS: Record<UserKind, number> = {
  employer: 12 * 60 * 60 * 1000,
  staff: 8 * 60 * 60 * 1000,
  worker: 2 * 60 * 60 * 1000,
};

export async function createSession(
  tx: Tx,
  input: { userKind: UserKind; userId: string; ip: string | null; userAgent: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(sessions)
    .values({
      userKind: input.userKind,
      userId: input.userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS[input.userKind]),
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    })
    .returning({ id: sessions.id });
  return row!.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The actor behind a session id, checked on every request: the session must be unrevoked and unexpired and
 * the account active, so revoking a session or deactivating an account takes effect at the next request.
 */
export async function loadSessionActor(sessionId: string): Promise<Actor | null> {
  if (!UUID.test(sessionId)) return null;
  const [s] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
  if (!s) return null;
  if (Date.now() - s.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, s.id));
  }
  switch (s.userKind) {
    case "employer": {
      const [u] = await db.select().from(employerUsers).where(eq(employerUsers.id, s.userId));
      if (!u || !u.active || !u.emailVerifiedAt) return null;
      return {
        kind: "employer",
        sessionId: s.id,
        userId: u.id,
        establishmentId: u.establishmentId,
        role: u.role,
        name: u.name,
        email: u.email,
      };
    }
    case "staff": {
      const [u] = await db.select().from(staffUsers).where(eq(staffUsers.id, s.userId));
      if (!u || !u.active) return null;
      return { kind: "staff", sessionId: s.id, userId: u.id, role: u.role, name: u.name, email: u.email };
    }
    case "worker": {
      const [w] = await db.select().from(workers).where(eq(workers.id, s.userId));
      if (!w) return null;
      return { kind: "worker", sessionId: s.id, workerId: w.id, name: w.nameEn, nameAr: w.nameAr };
    }
  }
}

export async function revokeSession(sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** "Sign out everywhere": every open session of this user ends at its next request. */
export async function revokeAllSessions(tx: Tx, userKind: UserKind, userId: string): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userKind, userKind), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
