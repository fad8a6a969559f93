/**
 * The server actions' half of the authorization matrix, shared by security-matrix.spec.ts (who gets through)
 * and security-fuzz.spec.ts (hostile input from those who do). Static imports only (see global-setup.ts).
 */
import type { StaffRole } from "@/lib/auth/actor";
import { DECLARATION_KEYS } from "@/lib/reports/declarations";
import {
  isEmployer,
  randomId,
  staffMay,
  type ActorName,
  type Field,
  type Fixtures,
  type Outcome,
} from "./security";

/**
 * Who may call an action, and with which form:
 * - `allowed`: the users the action serves (it may still refuse them for an object that is not theirs);
 * - `attack`: a complete, valid form aimed at establishment A's object (or at A's people): everyone not allowed,
 *   and employer B, must be refused with it, and nothing may change;
 * - `probe`: a form that is wrong on purpose: the allowed users must get past the gate to the form's own
 *   answer (a field error, or a refusal of that input), with nothing written.
 * Public actions (sign-in, sign-up, invitations...) serve everyone: `attack` is omitted, and `probe` is sent
 * by every kind of user.
 */
export type ActionSpec = {
  page: (f: Fixtures) => string;
  shape: "state" | "plain";
  allowed: (a: ActorName) => boolean;
  /** Allowed users aiming at an object of A's that is not theirs: employer B for establishment-scoped actions. */
  crossTenant?: ActorName[];
  attack?: (f: Fixtures) => Record<string, Field | Field[]>;
  probe: (f: Fixtures) => Record<string, Field | Field[]>;
  /** What an allowed user's probe must come back as (defaults to a field error). */
  probeKinds?: string[];
  /** Other answers that refuse the caller for this action (besides sign-in, 403, 404 and the REFUSAL_CODES). */
  refusedAlso?: (o: Outcome) => boolean;
  /**
   * Answers that accepted (part of) the input although they are not a success: the fuzzer then allows writes.
   * The evidence form keeps each file that passed even when another is missing or refused.
   */
  acceptedAlso?: (o: Outcome) => boolean;
  /** Signing out ends the caller's own session: probed with a session of its own, not the matrix's. */
  endsSession?: boolean;
};

const ANY = () => true;
const employers = (a: ActorName) => isEmployer(a);
const owners = (a: ActorName) => a === "employerA" || a === "employerB";
const staffWith = (roles: StaffRole[]) => (a: ActorName) => staffMay(a, roles);
const L = { locale: "en" };
const PNG_FILE: Field = {
  name: "scan.png",
  mimeType: "image/png",
  buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]),
};
const DECLARATIONS = (answer: string) => Object.fromEntries(DECLARATION_KEYS.map((k) => [k, answer]));

export const ACTIONS: Record<string, ActionSpec> = {
  // ----- public: sign-in, sign-up, password reset, invitations
  "lib/auth/actions.ts#employerSignInAction": {
    page: () => "/en/sign-in/employer",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, email: "not-an-email", password: "" }),
  },
  "lib/auth/actions.ts#staffPasswordAction": {
    page: () => "/en/sign-in/staff",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, email: "", password: "" }),
  },
  "lib/auth/actions.ts#staffCodeAction": {
    page: () => "/en/sign-in/staff",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, pending: "forged", code: "12" }),
  },
  "lib/auth/actions.ts#signUpAction": {
    page: () => "/en/sign-up",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, crNumber: "x", email: "y" }),
  },
  "lib/auth/actions.ts#requestResetAction": {
    page: () => "/en/password-reset",
    shape: "state",
    allowed: ANY,
    probe: () => ({ ...L, email: "@" }),
  },
  "lib/auth/actions.ts#resetPasswordAction": {
    page: () => "/en/password-reset/new",
    shape: "state",
    allowed: ANY,
    probe: () => ({
      ...L,
      token: "guessed-token",
      password: "Long-Enough-Passw0rd!",
      passwordConfirm: "Long-Enough-Passw0rd!",
    }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/employers/actions.ts#acceptInvitationAction": {
    page: () => "/en/invitation",
    shape: "state",
    allowed: ANY,
    probe: () => ({
      ...L,
      token: "guessed-token",
      name: "Someone",
      password: "Long-Enough-Passw0rd!",
      passwordConfirm: "Long-Enough-Passw0rd!",
    }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/admin/staff-actions.ts#acceptStaffInvitationAction": {
    page: () => "/en/staff-invitation",
    shape: "state",
    allowed: ANY,
    probe: () => ({
      ...L,
      token: "guessed-token",
      password: "Long-Enough-Passw0rd!",
      passwordConfirm: "Long-Enough-Passw0rd!",
    }),
    probeKinds: ["refused", "invalid"],
  },
  "lib/workers/actions.ts#requestWorkerCodeAction": {
    page: () => "/en/sign-in/worker",
    shape: "plain",
    allowed: ANY,
    probe: () => ({ ...L, civilId: "not digits" }),
    // The worker's sign-in answers with its own page again, the error in the address.
    probeKinds: ["signin"],
  },
  "lib/workers/actions.ts#resendWorkerCodeAction": {
    page: () => "/en/sign-in/worker",
    shape: "plain",
    allowed: ANY,
    probe: () => L,
    probeKinds: ["signin"],
  },
  "lib/workers/actions.ts#verifyWorkerCodeAction": {
    page: () => "/en/sign-in/worker",
    shape: "plain",
    allowed: ANY,
    probe: () => ({ ...L, code: "123456" }),
    probeKinds: ["signin"],
  },
  "lib/auth/actions.ts#signOutAction": {
    page: () => "/en",
    shape: "plain",
    allowed: ANY,
    probe: () => L,
    probeKinds: ["redirect"],
    endsSession: true,
  },
  "lib/auth/actions.ts#signOutEverywhereAction": {
    page: () => "/en",
    shape: "plain",
    allowed: ANY,
    probe: () => L,
    probeKinds: ["redirect"],
    endsSession: true,
  },

  // ----- the employer: filing (establishment-scoped)
  "lib/reports/filing-actions.ts#findWorkerAction": {
    page: () => "/en/employer/reports/new",
    shape: "state",
    allowed: employers,
    // Looking up a worker writes nothing: the attack is the look-up itself, by someone not an employer.
    attack: () => ({ ...L, civilId: "100000001" }),
    probe: () => ({ ...L, civilId: "abc" }),
  },
  "lib/reports/filing-actions.ts#startReportAction": {
    page: () => "/en/employer/reports/new",
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, workerId: f.workerId }),
    probe: () => ({ ...L, workerId: "not-a-uuid" }),
    // The same answer as for looking the worker up by civil ID: the permit is with another establishment.
    refusedAlso: (o) => o.kind === "invalid" && o.formError === "permit_other_establishment",
  },
  "lib/reports/filing-actions.ts#saveAbsenceAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/absence`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({
      ...L,
      reportId: f.a.draft.id,
      lastDayDay: "3",
      lastDayMonth: "1",
      lastDayYear: "2026",
      workGovernorateCode: "MA",
      workAddress: "Way 2, Ruwi, Muscat",
      contactAttempts: "Called him three times on 2 January.",
    }),
    probe: (f) => ({
      ...L,
      reportId: f.a.draft.id,
      lastDayDay: "30",
      lastDayMonth: "2",
      lastDayYear: "2026",
      workGovernorateCode: "muscat",
      workAddress: "x",
      contactAttempts: "short",
    }),
  },
  "lib/reports/filing-actions.ts#evidenceAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/evidence`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id, municipality_licence: PNG_FILE }),
    acceptedAlso: (o) =>
      o.kind === "invalid" &&
      Object.values(o.fieldErrors ?? {}).every((c) => c.startsWith("evidence_missing_")),
    // A file that is not what its name says: refused on its field, nothing stored.
    probe: (f) => ({
      ...L,
      reportId: f.a.draft.id,
      municipality_licence: {
        name: "licence.png",
        mimeType: "image/png",
        buffer: Buffer.from("MZ not an image"),
      },
    }),
  },
  "lib/reports/filing-actions.ts#continueToPaymentAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/edit/check`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    // The four Art. 2 statements ticked: the statement that sends the report to payment.
    attack: (f) => ({ ...L, reportId: f.a.draft.id, ...DECLARATIONS("yes") }),
    // Unticked statements: an error on each box, nothing written.
    probe: (f) => ({ ...L, reportId: f.a.draft.id }),
  },
  "lib/reports/filing-actions.ts#returnToDraftAction": {
    page: (f) => `/en/employer/reports/${f.a.awaiting.id}/pay`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    // A's report whose payment has started (its deposit has a session): it cannot go back to a draft.
    attack: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probe: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probeKinds: ["redirect"],
  },
  "lib/payments/actions.ts#payDepositAction": {
    page: (f) => `/en/employer/reports/${f.a.awaiting.id}/pay`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.awaiting.id }),
    probe: () => ({ ...L, reportId: "nope" }),
    probeKinds: ["refused"],
  },
  "lib/payments/actions.ts#localGatewayAction": {
    page: (f) => `/en/dev/pay/${f.a.awaiting.sessionId}`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, sessionId: f.a.awaiting.sessionId, decision: "decline" }),
    probe: () => ({ ...L, sessionId: "", decision: "approve" }),
    // A checkout session that is not the caller's is treated as one that does not exist: back to the dashboard.
    refusedAlso: (o) => o.kind === "redirect" && /^\/en\/employer$/.test(o.redirect ?? ""),
    probeKinds: ["redirect"],
  },

  // ----- the employer: tracking (establishment-scoped)
  "lib/reports/tracking-actions.ts#requestCancellationAction": {
    page: (f) => `/en/employer/reports/${f.a.submitted.id}/cancel`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({
      ...L,
      reportId: f.a.submitted.id,
      reason: "worker_returned",
      explanation: "He came back to work on Sunday morning.",
    }),
    probe: (f) => ({ ...L, reportId: f.a.submitted.id, reason: "bored", explanation: "" }),
  },
  "lib/reports/tracking-actions.ts#withdrawCancellationAction": {
    page: (f) => `/en/employer/reports/${f.a.submitted.id}`,
    shape: "plain",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.submitted.id, requestId: randomId() }),
    probe: (f) => ({ ...L, reportId: f.a.submitted.id, requestId: randomId() }),
    probeKinds: ["refused"],
  },
  "lib/reports/tracking-actions.ts#requestRefundAction": {
    page: (f) => `/en/employer/reports/${f.a.old.id}/refund`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.old.id, ground: "legal_period_ended" }),
    probe: (f) => ({ ...L, reportId: f.a.old.id, ground: "because" }),
  },

  "lib/reports/tracking-actions.ts#discardReportAction": {
    page: (f) => `/en/employer/reports/${f.a.draft.id}/discard`,
    shape: "state",
    allowed: employers,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, reportId: f.a.draft.id }),
    // A report already sent cannot be discarded: the form says so, nothing changes.
    probe: (f) => ({ ...L, reportId: f.a.submitted.id }),
    probeKinds: ["invalid"],
  },

  // ----- the employer: the team (owners only)
  "lib/employers/actions.ts#inviteOfficerAction": {
    page: () => "/en/employer/team",
    shape: "state",
    allowed: owners,
    attack: () => ({ ...L, email: `matrix-invite-${randomId().slice(0, 8)}@example.om` }),
    probe: () => ({ ...L, email: "not an address" }),
  },
  "lib/employers/actions.ts#removeOfficerAction": {
    page: () => "/en/employer/team",
    shape: "plain",
    allowed: owners,
    crossTenant: ["employerB"],
    attack: (f) => ({ ...L, userId: f.hrA.userId }),
    probe: () => ({ ...L, userId: "nobody" }),
    probeKinds: ["refused"],
  },

  // ----- the worker
  "lib/grievances/actions.ts#fileGrievanceAction": {
    page: (f) => `/en/worker/reports/${f.workerReport.id}/grievance`,
    shape: "state",
    allowed: (a) => a === "worker",
    attack: (f) => ({
      ...L,
      reportId: f.workerReport.id,
      grounds: "at_work",
      statement: "I never left my work; I was on leave with permission.",
      contactPhone: "+96891234567",
    }),
    probe: (f) => ({
      ...L,
      reportId: f.workerReport.id,
      grounds: "none",
      statement: "",
      contactPhone: "call me",
    }),
  },

  // ----- ministry staff
  "lib/admin/actions.ts#decideAction": {
    page: (f) => `/en/admin/reports/${f.a.submitted.id}`,
    shape: "state",
    allowed: staffWith(["reviewer"]),
    attack: (f) => ({
      ...L,
      kind: "report",
      targetId: f.a.submitted.id,
      reportId: f.a.submitted.id,
      version: "1",
      outcome: "reject",
      reasonCode_reject: "evidence_insufficient",
      note: "",
    }),
    probe: (f) => ({
      ...L,
      kind: "report",
      targetId: f.a.submitted.id,
      reportId: f.a.submitted.id,
      version: "1",
      outcome: "",
      reasonCode_reject: "",
    }),
  },
  "lib/admin/actions.ts#startReviewAction": {
    page: (f) => `/en/admin/reports/${f.a.approved.id}`,
    shape: "state",
    allowed: staffWith(["reviewer"]),
    attack: (f) => ({
      ...L,
      kind: "grievance",
      targetId: f.grievanceId,
      reportId: f.a.approved.id,
      version: "1",
    }),
    probe: (f) => ({ ...L, kind: "appeal", targetId: f.grievanceId, reportId: f.a.approved.id, version: "" }),
  },
  "lib/admin/actions.ts#shareEvidenceAction": {
    page: (f) => `/en/admin/reports/${f.a.submitted.id}`,
    shape: "state",
    allowed: staffWith(["reviewer"]),
    attack: (f) => ({ ...L, reportId: f.a.submitted.id, audience: "worker", fileIds: f.a.evidenceId }),
    probe: (f) => ({ ...L, reportId: f.a.submitted.id, audience: "everyone" }),
  },
  "lib/admin/actions.ts#reopenAction": {
    page: (f) => `/en/admin/reports/${f.a.approved.id}`,
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({
      ...L,
      reportId: f.a.approved.id,
      version: "1",
      reasonCode: "decision_error",
      note: "Recorded on the wrong report.",
    }),
    probe: (f) => ({ ...L, reportId: f.a.approved.id, version: "1", reasonCode: "", note: "" }),
  },
  "lib/admin/finance-actions.ts#decideRefundAction": {
    page: (f) => `/en/admin/refunds/${f.refundRequestId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({
      ...L,
      refundRequestId: f.refundRequestId,
      version: "1",
      decision: "reject",
      reasonCode: "other",
      note: "No.",
    }),
    probe: (f) => ({
      ...L,
      refundRequestId: f.refundRequestId,
      version: "1",
      decision: "maybe",
      reasonCode: "",
    }),
  },
  "lib/admin/finance-actions.ts#retryRefundAction": {
    page: (f) => `/en/admin/refunds/${f.refundRequestId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({ ...L, refundRequestId: f.refundRequestId }),
    // The request is not an approved one that failed: there is nothing to retry.
    probe: (f) => ({ ...L, refundRequestId: f.refundRequestId }),
    probeKinds: ["invalid"],
  },
  "lib/admin/finance-actions.ts#markUtilisedAction": {
    page: (f) => `/en/admin/refunds/deposit/${f.a.old.depositId}`,
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: (f) => ({ ...L, depositId: f.a.old.depositId!, ticketReference: "TK-1" }),
    probe: (f) => ({ ...L, depositId: f.a.old.depositId!, ticketReference: "" }),
  },
  "lib/exits/actions.ts#recordExitAction": {
    page: (f) => `/en/admin/reports/${f.a.approved.id}`,
    shape: "state",
    allowed: staffWith(["reviewer", "finance"]),
    attack: (f) => ({
      ...L,
      reportId: f.a.approved.id,
      exitKind: "deported",
      exitDate: new Date().toISOString().slice(0, 10),
      exitNote: "",
    }),
    probe: (f) => ({ ...L, reportId: f.a.approved.id, exitKind: "vanished", exitDate: "2026-13-45" }),
  },
  "lib/suspensions/actions.ts#liftSuspensionAction": {
    page: (f) => `/en/admin/inspections/${f.suspension.referralId}`,
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({
      ...L,
      suspensionId: f.suspension.id,
      referralId: f.suspension.referralId,
      version: String(f.suspension.version),
      reason: "Lifted by someone who may not.",
    }),
    probe: (f) => ({
      ...L,
      suspensionId: f.suspension.id,
      referralId: f.suspension.referralId,
      version: String(f.suspension.version),
      reason: "   ",
    }),
  },
  "lib/admin/finance-actions.ts#addFeeAction": {
    page: () => "/en/admin/settings/fees",
    shape: "state",
    allowed: staffWith(["finance"]),
    attack: () => ({ ...L, nationality: "ZZ", amount: "99.000", effectiveFrom: "2099-01-01" }),
    probe: () => ({ ...L, nationality: "India", amount: "-1", effectiveFrom: "2026-13-45" }),
  },
  "lib/admin/finance-actions.ts#recordInspectionAction": {
    page: (f) => `/en/admin/inspections/${f.referralId}`,
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, referralId: f.referralId, outcome: "compliant", note: "" }),
    probe: (f) => ({ ...L, referralId: f.referralId, outcome: "non_compliant", note: "" }),
  },
  "lib/governorates/actions.ts#updateGovernorateScheduleAction": {
    page: () => "/en/admin/settings/governorates",
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: () => ({ ...L, code: "MU", pilotFrom: "2099-01-01", mandatoryFrom: "2099-06-01" }),
    probe: () => ({ ...L, code: "MU", pilotFrom: "2026-02-30", mandatoryFrom: "" }),
  },
  "lib/admin/staff-actions.ts#inviteStaffAction": {
    page: () => "/en/admin/staff",
    shape: "state",
    allowed: staffWith(["supervisor"]),
    attack: () => ({
      ...L,
      name: "Intruder",
      email: `matrix-${randomId().slice(0, 8)}@mol.example.om`,
      role: "supervisor",
    }),
    probe: () => ({ ...L, name: "", email: "x", role: "admin" }),
  },
  "lib/admin/staff-actions.ts#changeStaffRoleAction": {
    page: () => "/en/admin/staff",
    shape: "plain",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, userId: f.staff.reviewer, role: "supervisor" }),
    probe: (f) => ({ ...L, userId: f.staff.reviewer, role: "king" }),
    probeKinds: ["redirect"],
  },
  "lib/admin/staff-actions.ts#setStaffActiveAction": {
    page: () => "/en/admin/staff",
    shape: "plain",
    allowed: staffWith(["supervisor"]),
    attack: (f) => ({ ...L, userId: f.staff.finance, active: "false" }),
    probe: () => ({ ...L, userId: "nobody", active: "false" }),
    probeKinds: ["refused"],
  },
};
