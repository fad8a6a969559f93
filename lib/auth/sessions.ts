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
  // One round trip for every signed-in request: the session with its user, whichever kind it is.
  const [row] = await db
    .select({
      id: sessions.id,
      userKind: sessions.userKind,
      lastSeenAt: sessions.lastSeenAt,
      employer: {
        id: employerUsers.id,
        establishmentId: employerUsers.establishmentId,
        role: employerUsers.role,
        name: employerUsers.name,
        email: employerUsers.email,
        active: employerUsers.active,
        emailVerifiedAt: employerUsers.emailVerifiedAt,
      },
      staff: {
        id: staffUsers.id,
        role: staffUsers.role,
        name: staffUsers.name,
        email: staffUsers.email,
        active: staffUsers.active,
      },
      worker: { id: workers.id, nameEn: workers.nameEn, nameAr: workers.nameAr },
    })
    .from(sessions)
    .leftJoin(employerUsers, and(eq(sessions.userKind, "employer"), eq(employerUsers.id, sessions.userId)))
    .leftJoin(staffUsers, and(eq(sessions.userKind, "staff"), eq(staffUsers.id, sessions.userId)))
    .leftJoin(workers, and(eq(sessions.userKind, "worker"), eq(workers.id, sessions.userId)))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 5 * 60 * 1000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, row.id));
  }
  switch (row.userKind) {
    case "employer": {
      const u = row.employer;
      if (!u || !u.active || !u.emailVerifiedAt) return null;
      return {
        kind: "employer",
        sessionId: row.id,
        userId: u.id,
        establishmentId: u.establishmentId,
        role: u.role,
        name: u.name,
        email: u.email,
      };
    }
    case "staff": {
      const u = row.staff;
      if (!u || !u.active) return null;
      return { kind: "staff", sessionId: row.id, userId: u.id, role: u.role, name: u.name, email: u.email };
    }
    case "worker": {
      const w = row.worker;
      if (!w) return null;
      return { kind: "worker", sessionId: row.id, workerId: w.id, name: w.nameEn, nameAr: w.nameAr };
    }
  }
}

export async function revokeSession(sessionId: string): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
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
