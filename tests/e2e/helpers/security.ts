/**
 * What the authorization matrix and the action fuzzer share: the kinds of user (each a real session row and the
 * cookie Auth.js would have set for it), the objects they reach for (two establishments' reports in every
 * state that has a page), the routes and server actions as they are on disk and in the build, a way to call a
 * server action over HTTP exactly as React does, and a fingerprint of the database to prove nothing changed.
 *
 * Static imports only (see global-setup.ts).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { deposits, grievances, inspectionReferrals, refundRequests, reports, suspensions } from "@/db/schema";
import type { EmployerActor, StaffRole } from "@/lib/auth/actor";
import type { UserKind } from "@/lib/auth/sessions";
import { addEvidence } from "@/lib/reports/add-evidence";
import { dammDigit } from "@/lib/reports/reference";
import { createStaffUser } from "@/tests/helpers/accounts";
import { uniqueDigits, uniqueSuffix } from "@/tests/helpers/db";
import {
  createEmployerUser,
  createEstablishment,
  createReport,
  createWorker,
  type CreatedReport,
} from "@/tests/helpers/tracking-fixtures";
import { SESSION_COOKIE, sessionCookieValue } from "./session";

const ROOT = path.resolve(__dirname, "..", "..", "..");

// ---------------------------------------------------------------------------------------------------------
// The kinds of user
// ---------------------------------------------------------------------------------------------------------

export const ACTORS = [
  "anonymous",
  "employerA",
  "hrA",
  "employerB",
  "worker",
  "reviewer",
  "finance",
  "supervisor",
] as const;
export type ActorName = (typeof ACTORS)[number];

export const STAFF_OF: Partial<Record<ActorName, StaffRole>> = {
  reviewer: "reviewer",
  finance: "finance",
  supervisor: "supervisor",
};
export const isEmployer = (a: ActorName) => a === "employerA" || a === "hrA" || a === "employerB";
export const isStaff = (a: ActorName) => a in STAFF_OF;
/** Supervisors may do everything staff may do (lib/auth/actor.ts staffHasRole). */
export const staffMay = (a: ActorName, roles: readonly StaffRole[]) => {
  const role = STAFF_OF[a];
  return role !== undefined && (role === "supervisor" || roles.includes(role));
};

/** The cookie Auth.js sets after sign-in: an encrypted JWT carrying only the `sessions` row id. */
export async function sessionCookie(userKind: UserKind, userId: string): Promise<string> {
  return `${SESSION_COOKIE}=${await sessionCookieValue(userKind, userId)}`;
}

// ---------------------------------------------------------------------------------------------------------
// The objects
// ---------------------------------------------------------------------------------------------------------

type Side = {
  establishmentId: string;
  owner: EmployerActor;
  draft: CreatedReport;
  awaiting: CreatedReport & { sessionId: string };
  submitted: CreatedReport;
  approved: CreatedReport;
  /** Approved years ago: the legal period has ended, so a refund may be claimed. */
  old: CreatedReport;
  evidenceId: string;
};

export type Fixtures = {
  a: Side;
  b: Side;
  hrA: EmployerActor;
  workerId: string;
  /** The worker's own report (establishment A's, approved a day ago: the grievance window is open). */
  workerReport: CreatedReport;
  refundRequestId: string;
  referralId: string;
  /** A third establishment's active suspension (after its non-compliant referral), for lifting. */
  suspension: { id: string; referralId: string; version: number };
  /** An open grievance by the worker of A's approved report (staff claim and decide it). */
  grievanceId: string;
  staff: Record<"reviewer" | "finance" | "supervisor", string>;
  cookies: Record<ActorName, string | null>;
};

const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  ...Array.from({ length: 64 }, (_, i) => i),
]);
const DAY = 86_400_000;

async function createSide(label: string): Promise<Side> {
  const est = await createEstablishment(label);
  const draft = await createReport(est, { status: "draft" });
  const awaiting = await createReport(est, { status: "awaiting_payment" });
  const sessionId = `local_cs_${uniqueSuffix(24)}`;
  await db.update(deposits).set({ providerSessionId: sessionId }).where(eq(deposits.id, awaiting.depositId!));
  const submitted = await createReport(est, { status: "submitted" });
  const approved = await createReport(est, {
    status: "approved",
    createdAt: new Date(Date.now() - 8 * DAY),
    approvedAt: new Date(Date.now() - DAY),
  });
  const old = await createReport(est, { status: "approved", createdAt: new Date("2022-01-10T08:00:00Z") });
  const added = await addEvidence(est.owner, draft.id, {
    kind: "bank_statement",
    name: "statement.png",
    bytes: PNG,
  });
  if (!added.ok) throw new Error(`fixture evidence refused: ${added.code}`);
  return {
    establishmentId: est.id,
    owner: est.owner,
    draft,
    awaiting: { ...awaiting, sessionId },
    submitted,
    approved,
    old,
    evidenceId: added.fileId,
  };
}

export async function createFixtures(): Promise<Fixtures> {
  const a = await createSide("Matrix A");
  const b = await createSide("Matrix B");
  const hrA = await createEmployerUser(a.establishmentId, "hr_officer", "Matrix HR A");
  const worker = await createWorker(a.establishmentId);
  const workerReport = await createReport(
    { id: a.establishmentId, crNumber: "", owner: a.owner },
    {
      status: "approved",
      workerId: worker.id,
      createdAt: new Date(Date.now() - 8 * DAY),
      approvedAt: new Date(Date.now() - DAY),
    },
  );
  // An older report of A's with a refund request waiting for finance, and an open inspection referral.
  const claimed = await createReport(
    { id: a.establishmentId, crNumber: "", owner: a.owner },
    { status: "approved", createdAt: new Date("2022-02-10T08:00:00Z") },
  );
  const [refund] = await db
    .insert(refundRequests)
    .values({
      reportId: claimed.id,
      depositId: claimed.depositId!,
      ground: "legal_period_ended",
      amountBaisa: 85_000,
      requestedBy: a.owner.userId,
    })
    .returning({ id: refundRequests.id });
  const [referral] = await db
    .insert(inspectionReferrals)
    .values({
      establishmentId: a.establishmentId,
      period: "month",
      periodKey: `20${uniqueDigits(2)}-0${1 + (Number(uniqueDigits(1)) % 9)}`,
      reportCount: 3,
    })
    .returning({ id: inspectionReferrals.id });
  const [approvedRow] = await db
    .select({ workerId: reports.workerId })
    .from(reports)
    .where(eq(reports.id, a.approved.id));
  const [grievance] = await db
    .insert(grievances)
    .values({
      reportId: a.approved.id,
      workerId: approvedRow!.workerId,
      grounds: "at_work",
      statement: "I was at work every day of that week.",
      contactPhone: "+96891234567",
    })
    .returning({ id: grievances.id });
  const staff = {
    reviewer: (await createStaffUser({ role: "reviewer" })).id,
    finance: (await createStaffUser({ role: "finance" })).id,
    supervisor: (await createStaffUser({ role: "supervisor" })).id,
  };
  const cookies: Record<ActorName, string | null> = {
    anonymous: null,
    employerA: await sessionCookie("employer", a.owner.userId),
    hrA: await sessionCookie("employer", hrA.userId),
    employerB: await sessionCookie("employer", b.owner.userId),
    worker: await sessionCookie("worker", worker.id),
    reviewer: await sessionCookie("staff", staff.reviewer),
    finance: await sessionCookie("staff", staff.finance),
    supervisor: await sessionCookie("staff", staff.supervisor),
  };
  const c = await createEstablishment("Matrix C");
  const [cReferral] = await db
    .insert(inspectionReferrals)
    .values({
      establishmentId: c.id,
      period: "year",
      periodKey: `20${uniqueDigits(2)}`,
      reportCount: 10,
      status: "non_compliant",
    })
    .returning({ id: inspectionReferrals.id });
  const [suspension] = await db
    .insert(suspensions)
    .values({
      establishmentId: c.id,
      referralId: cReferral!.id,
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 365 * DAY),
    })
    .returning();
  return {
    a,
    b,
    hrA,
    workerId: worker.id,
    workerReport,
    refundRequestId: refund!.id,
    referralId: referral!.id,
    suspension: { id: suspension!.id, referralId: cReferral!.id, version: suspension!.version },
    grievanceId: grievance!.id,
    staff,
    cookies,
  };
}

/** A reference with a valid check digit that no report has (year 2098 is never used by seed or fixtures). */
export function guessedReference(): string {
  const body = uniqueDigits(6);
  return `WA-2098-${body}${dammDigit(`2098${body}`)}`;
}

/** A well-formed reference whose check digit is wrong. */
export function badCheckDigit(reference: string): string {
  const last = Number(reference.at(-1));
  return `${reference.slice(0, -1)}${(last + 1) % 10}`;
}

export const randomId = () => randomUUID();

// ---------------------------------------------------------------------------------------------------------
// The routes and actions, as they are on disk and in the build
// ---------------------------------------------------------------------------------------------------------

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every page and route handler under app/, as a route pattern: `/[locale]/employer/reports/[id]`. */
export function routesOnDisk(): { pages: string[]; handlers: string[] } {
  const files = walk(path.join(ROOT, "app")).map((f) =>
    path.relative(path.join(ROOT, "app"), f).split(path.sep).join("/"),
  );
  const pattern = (f: string) =>
    "/" +
    f
      .split("/")
      .slice(0, -1)
      .filter((s) => !/^\(.*\)$/.test(s))
      .join("/");
  return {
    pages: files
      .filter((f) => /(^|\/)page\.tsx?$/.test(f))
      .map(pattern)
      .sort(),
    handlers: files
      .filter((f) => /(^|\/)route\.tsx?$/.test(f))
      .map(pattern)
      .sort(),
  };
}

/** Every export of every `"use server"` module in the source: `lib/reports/filing-actions.ts#saveLastDayAction`. */
export function actionsInSource(): string[] {
  const out: string[] = [];
  for (const dir of ["app", "lib", "components"]) {
    for (const f of walk(path.join(ROOT, dir))) {
      if (!/\.(ts|tsx)$/.test(f)) continue;
      const text = readFileSync(f, "utf8");
      const rel = path.relative(ROOT, f).split(path.sep).join("/");
      if (
        /^\s*["']use server["'];?/m.test(
          text.split("\n").find((l) => l.trim() && !l.trim().startsWith("//")) ?? "",
        )
      ) {
        for (const m of text.matchAll(/^export (?:async )?(?:function|const) (\w+)/gm))
          out.push(`${rel}#${m[1]}`);
      } else if (/["']use server["']/.test(text)) {
        // An inline server action (a function with "use server" in its body): it must be listed too.
        out.push(`${rel}#<inline>`);
      }
    }
  }
  return out.sort();
}

/** The build's server actions: name -> id, and the pages that can run each. */
export function actionsInBuild(): Map<string, { id: string; pages: string[] }> {
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  const out = new Map<string, { id: string; pages: string[] }>();
  for (const [id, a] of Object.entries(manifest.node))
    out.set(`${a.filename}#${a.exportedName}`, { id, pages: Object.keys(a.workers) });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Calling a server action as React does
// ---------------------------------------------------------------------------------------------------------

export type Field = string | { name: string; mimeType: string; buffer: Buffer };
export type ActionCall = {
  id: string;
  /** The page it is posted to (any page that renders the action's form). */
  page: string;
  /** "state": (prevState, formData) from useActionState; "plain": (formData) from <form action>. */
  shape: "state" | "plain";
  fields: Record<string, Field | Field[]>;
  cookie: string | null;
};

export type Outcome = {
  status: number;
  /** signin | forbidden | notfound | redirect | refused | invalid | success | done | error5xx | other */
  kind: string;
  redirect?: string;
  formError?: string;
  fieldErrors?: Record<string, string>;
  notice?: string;
};

/**
 * Codes with which a form refuses the caller rather than the input: the object is not theirs (or does not
 * exist, which must look the same), or their role may not do this.
 */
export const REFUSAL_CODES = new Set([
  "forbidden",
  "not_found",
  "report_not_found",
  "link_invalid",
  "governorate_unknown",
]);

/**
 * React's encodeReply for (prevState, formData) or (formData): the FormData as parts prefixed `_1_`, then the
 * arguments as JSON in part "0" (captured from a real form submission in Chromium). The root part must come
 * last: the server decodes the stream as it arrives, and a root read first would see an empty FormData.
 */
export async function callAction(
  request: APIRequestContext,
  baseURL: string,
  call: ActionCall,
): Promise<Outcome> {
  const multipart = new FormData();
  for (const [name, value] of Object.entries(call.fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string") multipart.append(`_1_${name}`, v);
      else multipart.append(`_1_${name}`, new Blob([new Uint8Array(v.buffer)], { type: v.mimeType }), v.name);
    }
  }
  multipart.append("0", JSON.stringify(call.shape === "state" ? [{ status: "idle" }, "$K1"] : ["$K1"]));
  const headers: Record<string, string> = {
    "Next-Action": call.id,
    Accept: "text/x-component",
    Origin: baseURL,
  };
  if (call.cookie) headers.Cookie = call.cookie;
  const res = await retryOnReset(() =>
    request.post(call.page, { headers, multipart, maxRedirects: 0, failOnStatusCode: false }),
  );
  return classify(res);
}

/**
 * Runs a request again when the connection was reset before any answer: the server closes an idle keep-alive
 * connection after 5 s, and a client reusing it at that moment gets ECONNRESET (a race, not an answer).
 */
export async function retryOnReset<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (attempt >= 3 || !/ECONNRESET|socket hang up|EPIPE/.test(String(e))) throw e;
    }
  }
}

export async function classify(res: APIResponse): Promise<Outcome> {
  const status = res.status();
  const body = await res.text();
  const redirectHeader = res.headers()["x-action-redirect"] ?? res.headers()["location"];
  if (status >= 500) return { status, kind: "error5xx" };
  if (redirectHeader) {
    const redirect = redirectHeader.replace(/;(push|replace)$/, "");
    const kind =
      /\/sign-in(\/|\?|$)/.test(redirect) && !/notice=/.test(redirect)
        ? "signin"
        : /\/forbidden(\?|$)/.test(redirect)
          ? "forbidden"
          : /notice=not_found/.test(redirect)
            ? "refused"
            : "redirect";
    return { status, kind, redirect };
  }
  if (status === 404) return { status, kind: "notfound" };
  // The returned state is the row that the root row points at ("a":"$@1").
  const state = /^1:(\{.*\})$/m.exec(body)?.[1];
  if (state) {
    const s = JSON.parse(state) as {
      status: string;
      formError?: string;
      fieldErrors?: Record<string, string>;
      notice?: string;
    };
    if (s.status === "error" && s.formError && REFUSAL_CODES.has(s.formError))
      return { status, kind: "refused", formError: s.formError };
    if (s.status === "error")
      return { status, kind: "invalid", formError: s.formError, fieldErrors: s.fieldErrors };
    return { status, kind: "success", notice: s.notice };
  }
  if (status === 200) return { status, kind: "done" };
  return { status, kind: "other" };
}

// ---------------------------------------------------------------------------------------------------------
// Nothing changed
// ---------------------------------------------------------------------------------------------------------

/**
 * Tables compared row by row (a digest of their whole content) and tables only counted: the background jobs
 * (notification dispatch, payment reconciliation) update rows of the counted ones on their own schedule, and
 * every request may touch a session's last-seen time.
 */
const DIGESTED = [
  "audit_events",
  "auth_tokens",
  "cancellation_requests",
  "employer_users",
  "establishments",
  "evidence_files",
  "governorates",
  "grievances",
  "inspection_referrals",
  "refund_requests",
  "report_events",
  "reports",
  "staff_users",
  "ticket_fees",
  "worker_otps",
  "workers",
] as const;
const COUNTED = ["deposits", "notifications", "payment_events", "rate_limits", "deadline_notices"] as const;

export async function fingerprint(): Promise<Record<string, string>> {
  // One statement, one round trip: it runs before and after each of several hundred calls.
  const parts = [
    ...DIGESTED.map((t) => {
      // Staff opening a case or a refund request is audited ("report.viewed"): an action's answer re-renders
      // its page, and so records a view by an allowed user. Those rows are not the action's writes.
      // The background jobs' own audit rows (a stale payment expired by the reconciliation) are not either.
      const where =
        t === "audit_events" ? ` where t.action not like '%.viewed' and t.actor_kind <> 'system'` : "";
      return `select '${t}' as name, count(*)::text || ':' || coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as value from "${t}" t${where}`;
    }),
    // Reconciliation expires stale deposits and tells their employers (issue 10): the messages about deposits
    // are the background job's, like the deposits themselves; the matrix's own deposits are compared below.
    ...COUNTED.map(
      (t) =>
        `select '${t}', count(*)::text from "${t}"${t === "notifications" ? ` where entity_type is distinct from 'deposit'` : ""}`,
    ),
    // Deposits of the matrix's own establishments are compared in full (no job acts on them during a run).
    `select 'deposits(matrix)', coalesce(md5(string_agg(md5(d::text), '' order by d.id)), '') from deposits d join reports r on r.id = d.report_id join establishments e on e.id = r.establishment_id where e.name_en like 'Matrix %'`,
  ];
  const rows = await db.execute<{ name: string; value: string }>(sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((k) => before[k] !== after[k]);
}

/** A page's visible text, without scripts and with the given ids blanked: two 404s must read the same. */
export function visibleText(html: string, ids: string[]): string {
  let text = html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  for (const id of ids) text = text.split(id).join("<ID>");
  return text;
}
