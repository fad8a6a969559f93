import { and, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import { auditEvents, employerUsers, notifications } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/actor";
import { createSession, loadSessionActor } from "@/lib/auth/sessions";
import { acceptInvitation, peekInvitation } from "@/lib/employers/accept-invitation";
import { inviteOfficer } from "@/lib/employers/invite-officer";
import { listTeam } from "@/lib/employers/queries";
import { removeOfficer } from "@/lib/employers/remove-officer";
import { TeamRefusedError } from "@/lib/employers/team-errors";
import { uniqueSuffix } from "@/tests/helpers/db";
import { createStaffUser } from "@/tests/helpers/accounts";
import { issueToken, peekToken } from "@/lib/auth/tokens";
import {
  createEmployerUser,
  createEstablishment,
  type Establishment,
} from "@/tests/helpers/tracking-fixtures";

let A: Establishment;
let B: Establishment;
const BASE = "http://balagh.test";

beforeAll(async () => {
  await ensureDatabase();
  A = await createEstablishment("TeamA");
  B = await createEstablishment("TeamB");
});

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TeamRefusedError) return e.code;
    if (e instanceof ForbiddenError) return "forbidden";
    throw e;
  }
  return "succeeded";
}

/** The token in the newest invitation e-mail to this address (as the invitee would click it). */
async function invitationToken(email: string): Promise<string> {
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipient, email), eq(notifications.template, "employer.invitation")))
    .orderBy(desc(notifications.createdAt))
    .limit(1);
  const m = /\/(ar|en)\/invitation\?token=([A-Za-z0-9_%-]+)/.exec(n?.body ?? "");
  if (!m) throw new Error(`no invitation link in ${n?.body}`);
  return decodeURIComponent(m[2]!);
}

describe("inviting, accepting and removing HR officers", () => {
  it("the owner invites by e-mail; the invitee sets a name and password through the link, once", async () => {
    const email = `new.officer-${uniqueSuffix()}@example.om`;
    const { userId } = await inviteOfficer(A.owner, { email, locale: "en", baseUrl: BASE });

    const [pending] = await db.select().from(employerUsers).where(eq(employerUsers.id, userId));
    expect(pending).toMatchObject({
      establishmentId: A.id,
      role: "hr_officer",
      active: true,
      passwordHash: null,
      emailVerifiedAt: null,
    });
    expect((await listTeam(A.owner)).find((m) => m.id === userId)?.state).toBe("invited");

    const [mail] = await db.select().from(notifications).where(eq(notifications.recipient, email));
    expect(mail?.body).toContain(`${BASE}/en/invitation?token=`);
    expect(mail?.body).toContain(A.owner.name);

    const token = await invitationToken(email);
    expect(await peekInvitation(token)).toMatchObject({ email });
    expect(
      await acceptInvitation({ token, name: "Noor Al Habsi", password: "a-long-enough-passphrase" }),
    ).toBe(true);
    expect(await acceptInvitation({ token, name: "Someone Else", password: "another-passphrase" })).toBe(
      false,
    );
    expect(await peekInvitation(token)).toBeNull();

    const [accepted] = await db.select().from(employerUsers).where(eq(employerUsers.id, userId));
    expect(accepted?.name).toBe("Noor Al Habsi");
    expect(accepted?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await listTeam(A.owner)).find((m) => m.id === userId)?.state).toBe("active");

    const actions = (await db.select().from(auditEvents).where(eq(auditEvents.entityId, userId)))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["employer.invitation_accepted", "employer.officer_invited"]);
  });

  it("a staff invitation link is neither accepted nor spent on the employer's invitation page", async () => {
    const staff = await createStaffUser({ role: "reviewer" });
    const token = await issueToken(db, {
      kind: "invitation",
      userKind: "staff",
      userId: staff.id,
      ttlMs: 60_000,
    });
    expect(await peekInvitation(token)).toBeNull();
    expect(await acceptInvitation({ token, name: "Intruder", password: "a-long-enough-password" })).toBe(
      false,
    );
    expect(await peekToken(db, "invitation", token, "staff")).toEqual({ userId: staff.id });
  });

  it("an HR officer cannot invite or remove anyone", async () => {
    const hr = await createEmployerUser(A.id, "hr_officer", "Officer One");
    const colleague = await createEmployerUser(A.id, "hr_officer", "Officer Two");
    expect(
      await outcome(
        inviteOfficer(hr, { email: `x-${uniqueSuffix()}@example.om`, locale: "ar", baseUrl: BASE }),
      ),
    ).toBe("forbidden");
    expect(await outcome(removeOfficer(hr, { userId: colleague.userId }))).toBe("forbidden");
    const [still] = await db.select().from(employerUsers).where(eq(employerUsers.id, colleague.userId));
    expect(still?.active).toBe(true);
  });

  it("a removed officer's session is refused at the next request, and the old link no longer works", async () => {
    const email = `leaving-${uniqueSuffix()}@example.om`;
    const { userId } = await inviteOfficer(A.owner, { email, locale: "ar", baseUrl: BASE });
    await acceptInvitation({
      token: await invitationToken(email),
      name: "Leaving Soon",
      password: "a-long-enough-passphrase",
    });
    const sessionId = await createSession(db, { userKind: "employer", userId, ip: null, userAgent: null });
    expect(await loadSessionActor(sessionId)).toMatchObject({
      kind: "employer",
      userId,
      role: "hr_officer",
      establishmentId: A.id,
    });

    await removeOfficer(A.owner, { userId });
    expect(await loadSessionActor(sessionId)).toBeNull();
    expect((await listTeam(A.owner)).find((m) => m.id === userId)?.state).toBe("removed");
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, "employer.officer_removed")));
    expect(audit?.actorId).toBe(A.owner.userId);
    expect(await outcome(removeOfficer(A.owner, { userId }))).toBe("not_found");
  });

  it("removing a pending invitation voids its link; inviting again sends a new one that works", async () => {
    const email = `Pending-${uniqueSuffix()}@Example.om`;
    const { userId } = await inviteOfficer(A.owner, { email, locale: "en", baseUrl: BASE });
    const firstToken = await invitationToken(email);
    await removeOfficer(A.owner, { userId });
    expect(
      await acceptInvitation({ token: firstToken, name: "Too Late", password: "a-long-enough-passphrase" }),
    ).toBe(false);

    const again = await inviteOfficer(A.owner, { email: email.toLowerCase(), locale: "en", baseUrl: BASE });
    expect(again).toEqual({ userId, reinvited: true });
    const secondToken = await invitationToken(email.toLowerCase());
    expect(secondToken).not.toBe(firstToken);
    expect(
      await acceptInvitation({
        token: secondToken,
        name: "Back Again",
        password: "a-long-enough-passphrase",
      }),
    ).toBe(true);
  });

  it("refuses an address already used elsewhere or by a member, and never touches another establishment's people", async () => {
    expect(
      await outcome(
        inviteOfficer(A.owner, { email: B.owner.email.toUpperCase(), locale: "en", baseUrl: BASE }),
      ),
    ).toBe("email_taken");
    expect(await outcome(inviteOfficer(A.owner, { email: A.owner.email, locale: "en", baseUrl: BASE }))).toBe(
      "email_taken",
    );
    const member = await createEmployerUser(A.id, "hr_officer", "Already Here");
    expect(await outcome(inviteOfficer(A.owner, { email: member.email, locale: "en", baseUrl: BASE }))).toBe(
      "already_member",
    );

    const theirs = await createEmployerUser(B.id, "hr_officer", "Theirs");
    expect(await outcome(removeOfficer(A.owner, { userId: theirs.userId }))).toBe("not_found");
    expect(await outcome(removeOfficer(A.owner, { userId: A.owner.userId }))).toBe("cannot_remove_owner");
    const [still] = await db.select().from(employerUsers).where(eq(employerUsers.id, theirs.userId));
    expect(still?.active).toBe(true);
    expect((await listTeam(A.owner)).some((m) => m.id === theirs.userId)).toBe(false);

    const [count] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(employerUsers)
      .where(eq(sql`lower(${employerUsers.email})`, B.owner.email.toLowerCase()));
    expect(count?.n).toBe(1);
  });
});
