import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cache } from "react";
import { db } from "@/db";
import { log } from "@/lib/log";
import { timePhase } from "@/lib/perf/phases";
import type { Actor } from "./actor";
import { createSession, loadSessionActor, SESSION_TTL_MS, type UserKind } from "./sessions";
import { consumeToken } from "./tokens";
import { authTokens } from "@/db/schema";
import { eq } from "drizzle-orm";
import { hashToken } from "./tokens";
import { requestInfoFrom } from "./request-info";
import { readSessionId } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    sid?: string;
  }
}

/**
 * Auth.js carries only a session id in its encrypted cookie. Every check of who may do what happens in our
 * own code (lib/auth/*): employer and staff sign-in, the TOTP step and the worker's one-time code each end by
 * issuing a single-use, minute-long "sign-in ticket", which the one Credentials provider here exchanges for
 * a row in `sessions`. The row is what makes sessions revocable.
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: "jwt", maxAge: Math.max(...Object.values(SESSION_TTL_MS)) / 1000 },
  pages: { signIn: "/ar/sign-in" },
  providers: [
    Credentials({
      id: "ticket",
      credentials: { ticket: {} },
      async authorize(credentials, request) {
        const ticket = typeof credentials?.ticket === "string" ? credentials.ticket : "";
        if (!ticket) throw new CredentialsSignin();
        const info = requestInfoFrom(request.headers);
        const sessionId = await db.transaction(async (tx) => {
          const [row] = await tx
            .select({ userKind: authTokens.userKind })
            .from(authTokens)
            .where(eq(authTokens.tokenHash, hashToken(ticket)));
          const used = await consumeToken(tx, "sign_in", ticket);
          if (!used || !row) return null;
          return createSession(tx, { userKind: row.userKind as UserKind, userId: used.userId, ...info });
        });
        if (!sessionId) throw new CredentialsSignin();
        return { id: sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sid = user.id;
      return token;
    },
    session({ session, token }) {
      session.sid = typeof token.sid === "string" ? token.sid : undefined;
      return session;
    },
  },
  logger: {
    error(error) {
      // A refused ticket is an expected outcome, not a server error.
      if (error.name === "CredentialsSignin") return;
      log.error({ err: { name: error.name, message: error.message } }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
  },
});

/** The signed-in actor for this request (checked against its session row), or null. */
export const getActor = cache((): Promise<Actor | null> =>
  timePhase("session", async () => {
    // The session id from Auth.js's cookie, with the key derived once per process (lib/auth/session-cookie.ts).
    const sid = await readSessionId();
    if (!sid) return null;
    return loadSessionActor(sid);
  }),
);
