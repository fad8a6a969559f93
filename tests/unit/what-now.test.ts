/**
 * "What you can do now", per party, as one function of the case (lib/cases/what-now.ts, issue 10
 * contradiction 3): each page's options and sentences follow the lifecycle tables, so a worker who has sent a
 * grievance is never told they can object now, and an employer is never offered what the use case refuses.
 */
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "@/lib/cases/facts";
import { employerNow, staffNow, whatNow, workerNow } from "@/lib/cases/what-now";
import { employerMaySee, shareBlocker, workerMaySee } from "@/lib/evidence/sharing";
import type { ActorRef } from "@/lib/lifecycle/machine";
import { caseOf as baseCase } from "../helpers/case-facts";

const WORKER: ActorRef = { kind: "worker", id: "w" };
const EMPLOYER: ActorRef = { kind: "employer", id: "e", establishmentId: "est" };
const REVIEWER: ActorRef = { kind: "staff", id: "r", role: "reviewer" };
const OTHER_REVIEWER: ActorRef = { kind: "staff", id: "r2", role: "reviewer" };
const FINANCE: ActorRef = { kind: "staff", id: "f", role: "finance" };
const SUPERVISOR: ActorRef = { kind: "staff", id: "s", role: "supervisor" };

type Grievance = CaseFacts["grievances"][number];
type Cancellation = CaseFacts["cancellations"][number];

const grievance = (over: Partial<Grievance> = {}) =>
  ({
    id: "g1",
    status: "submitted",
    version: 1,
    createdAt: new Date("2026-12-01T08:00:00Z"),
    decidedAt: null,
    ...over,
  }) as Grievance;
const cancellation = (over: Partial<Cancellation> = {}) =>
  ({
    id: "c1",
    status: "submitted",
    version: 1,
    createdAt: new Date("2026-12-02T08:00:00Z"),
    ...over,
  }) as Cancellation;
const paidDeposit = {
  id: "d1",
  status: "paid",
  amountBaisa: 150_000,
  refundedBaisa: 0,
  utilisedAt: null,
} as unknown as CaseFacts["deposit"];

/** A submitted case with a paid deposit and an active permit (the shared helper with this file's defaults). */
function caseOf(
  over: Partial<Omit<CaseFacts, "report">> & { report?: Partial<CaseFacts["report"]> } = {},
): CaseFacts {
  const { report, ...rest } = over;
  return baseCase({
    worker: { id: "w", permitStatus: "active", establishmentId: "est", nationality: "IN" },
    establishment: { id: "est", governorateCode: "MA", servicesSuspendedUntil: null },
    deposit: paidDeposit,
    ...rest,
    report: {
      id: "rep",
      status: "submitted",
      approvedAt: null,
      grievanceDeadline: null,
      decidedBy: null,
      version: 3,
      ...report,
    },
  });
}

const approved = (over: Partial<CaseFacts["report"]> = {}) => ({
  status: "approved" as const,
  approvedAt: new Date("2026-11-20T08:00:00Z"),
  grievanceDeadline: "2027-01-19",
  decidedBy: "r",
  ...over,
});

describe("the worker's page", () => {
  it("a submitted report without a grievance: they may object now, the deadline not fixed yet", () => {
    expect(workerNow(caseOf(), WORKER)).toMatchObject({
      story: "submitted",
      object: { ok: true, deadline: null },
      openGrievance: null,
    });
  });

  it("after sending a grievance: one story — the grievance is with the Ministry, no offer to object", () => {
    const now = workerNow(caseOf({ grievances: [grievance()] }), WORKER);
    expect(now.story).toBe("submitted_grievance");
    expect(now.object).toEqual({ ok: false, why: "already_open", deadline: null });
    expect(now.openGrievance?.id).toBe("g1");
    expect(now.withdrawGrievance).toBe(true);
    const approvedNow = workerNow(
      caseOf({ report: approved(), grievances: [grievance({ status: "under_review" })] }),
      WORKER,
    );
    expect(approvedNow.story).toBe("approved_grievance");
    expect(approvedNow.object.ok).toBe(false);
  });

  it("approved: may object until the deadline, then not", () => {
    expect(workerNow(caseOf({ report: approved() }), WORKER).object).toEqual({
      ok: true,
      deadline: "2027-01-19",
    });
    expect(
      workerNow(caseOf({ report: approved({ grievanceDeadline: "2026-12-04" }) }), WORKER).object,
    ).toEqual({ ok: false, why: "deadline_passed", deadline: "2026-12-04" });
  });

  it("rejected with its grievance closed: the report has no effect, nothing to object to, nothing open", () => {
    const now = workerNow(
      caseOf({ report: { status: "rejected" }, grievances: [grievance({ status: "closed" })] }),
      WORKER,
    );
    expect(now).toMatchObject({
      story: "rejected",
      object: { ok: false, why: "report_not_in_force" },
      openGrievance: null,
      withdrawGrievance: false,
    });
  });
});

describe("the employer's page", () => {
  it("a draft: continue or discard; an unpaid report: pay, or discard unless a payment is under way", () => {
    const draft = employerNow(caseOf({ report: { status: "draft" }, deposit: null }), EMPLOYER);
    expect(draft).toMatchObject({ resume: "continue", discard: true, requestRefund: false });
    expect(draft.requestCancellation.ok).toBe(false);
    const unpaid = employerNow(caseOf({ report: { status: "awaiting_payment" }, deposit: null }), EMPLOYER);
    expect(unpaid).toMatchObject({ resume: "pay", discard: true });
    const paying = employerNow(
      caseOf({
        report: { status: "awaiting_payment" },
        deposit: { ...paidDeposit!, status: "pending" },
      }),
      EMPLOYER,
    );
    expect(paying).toMatchObject({ resume: "pay", discard: false });
  });

  it("one open cancellation request at a time: withdraw it, or (once it is gone) ask again", () => {
    expect(employerNow(caseOf(), EMPLOYER).requestCancellation).toEqual({ ok: true });
    const open = employerNow(caseOf({ cancellations: [cancellation()] }), EMPLOYER);
    expect(open.requestCancellation).toEqual({ ok: false, why: "cancellation_already_open" });
    expect(open.withdrawCancellation?.id).toBe("c1");
    const closed = employerNow(
      caseOf({ report: { status: "rejected" }, cancellations: [cancellation({ status: "closed" })] }),
      EMPLOYER,
    );
    expect(closed.withdrawCancellation).toBeNull();
    expect(closed.requestCancellation).toEqual({ ok: false, why: "cancellation_not_allowed" });
  });

  it("the worker's grievance: its existence and status, and the sentence under the status says so", () => {
    const now = employerNow(caseOf({ report: approved(), grievances: [grievance()] }), EMPLOYER);
    expect(now.story).toBe("approved_grievance");
    expect(now.grievance).toEqual({
      status: "submitted",
      filedAt: new Date("2026-12-01T08:00:00Z"),
      decidedAt: null,
    });
    expect(Object.keys(now.grievance!)).not.toContain("statement");
  });

  it("a second grievance after a rejected one: the employer is told about the open one, as the story says", () => {
    // Found by the lifecycle model test: filed in the same instant as the first one's decision was recorded, the
    // rejected grievance came first in the list and the page said "rejected" under "a grievance is open".
    const rejected = grievance({ id: "g1", status: "rejected", decidedAt: new Date("2026-12-02T08:00:00Z") });
    const open = grievance({ id: "g2", status: "submitted", createdAt: new Date("2026-12-02T08:00:00Z") });
    for (const grievances of [
      [rejected, open],
      [open, rejected],
    ]) {
      const now = employerNow(caseOf({ grievances }), EMPLOYER);
      expect(now.story).toBe("submitted_grievance");
      expect(now.grievance?.status).toBe("submitted");
    }
  });

  it("a refund is offered exactly when a ground holds and no request is in flight", () => {
    const rejected = caseOf({ report: { status: "rejected" } });
    expect(employerNow(rejected, EMPLOYER).requestRefund).toBe(true);
    const asked = caseOf({
      report: { status: "rejected" },
      refunds: [{ id: "x", depositId: "d1", status: "submitted" } as CaseFacts["refunds"][number]],
    });
    expect(employerNow(asked, EMPLOYER).requestRefund).toBe(false);
    expect(employerNow(caseOf(), EMPLOYER).requestRefund).toBe(false);
  });
});

describe("the staff case page", () => {
  it("a reviewer decides a submitted report; finance reads it; nothing waits on a decided one", () => {
    expect(staffNow(caseOf(), REVIEWER)).toMatchObject({ decideReport: true, pending: true, reopen: null });
    expect(staffNow(caseOf(), FINANCE).decideReport).toBe(false);
    expect(staffNow(caseOf({ report: approved() }), REVIEWER)).toMatchObject({
      decideReport: false,
      pending: false,
    });
  });

  it("the reviewer who approved the report may neither claim nor decide its grievance; another may", () => {
    const c = caseOf({ report: approved({ decidedBy: "r" }), grievances: [grievance()] });
    const [mine] = staffNow(c, REVIEWER).requests;
    expect(mine).toMatchObject({
      kind: "grievance",
      decide: { ok: false, why: "same_reviewer" },
      startReview: { ok: false, why: "same_reviewer" },
    });
    const [theirs] = staffNow(c, OTHER_REVIEWER).requests;
    expect(theirs).toMatchObject({ decide: { ok: true }, startReview: { ok: true } });
  });

  it("a claimed request can be decided but not claimed again", () => {
    const c = caseOf({ cancellations: [cancellation({ status: "under_review" })] });
    expect(staffNow(c, REVIEWER).requests[0]).toMatchObject({
      status: "under_review",
      decide: { ok: true },
      startReview: { ok: false, why: "not_allowed_now" },
    });
  });

  it("closed requests are not listed: nothing to decide once the report was rejected", () => {
    const c = caseOf({
      report: { status: "rejected", decidedBy: "r" },
      grievances: [grievance({ status: "closed" })],
      cancellations: [cancellation({ status: "closed" })],
    });
    expect(staffNow(c, REVIEWER)).toMatchObject({ requests: [], pending: false });
  });

  it("only a supervisor may reopen, and only while nothing followed from the decision", () => {
    expect(staffNow(caseOf({ report: approved() }), SUPERVISOR).reopen).toEqual({ ok: true });
    expect(staffNow(caseOf({ report: approved() }), REVIEWER).reopen).toBeNull();
    const used = caseOf({ report: approved(), deposit: { ...paidDeposit!, status: "utilised" } });
    expect(staffNow(used, SUPERVISOR).reopen).toEqual({ ok: false, why: "deposit_moved" });
    expect(staffNow(caseOf(), SUPERVISOR).reopen).toBeNull();
  });

  it("a rejection is not offered for reopening once the worker was reported again (one open report per worker)", () => {
    // Found by the lifecycle model test: the case page offered "reopen" and the use case refused it.
    const rejected = { status: "rejected" as const, decidedBy: "r" };
    expect(staffNow(caseOf({ report: rejected }), SUPERVISOR).reopen).toEqual({ ok: true });
    expect(staffNow(caseOf({ report: rejected, otherOpenReport: true }), SUPERVISOR).reopen).toEqual({
      ok: false,
      why: "worker_has_open_report",
    });
  });
});

describe("evidence sharing", () => {
  const files: CaseFacts["evidence"] = [
    {
      id: "f1",
      kind: "bank_statement",
      sharedWithWorker: false,
      sharedWithEmployer: false,
      grievanceId: null,
    },
    {
      id: "f2",
      kind: "grievance_attachment",
      sharedWithWorker: false,
      sharedWithEmployer: false,
      grievanceId: "g1",
    },
  ];

  it("a reviewer shares the employer's evidence with the worker while the report stands, each file once", () => {
    const c = caseOf({ evidence: files });
    expect(shareBlocker(c, "worker", REVIEWER)).toBeNull();
    expect(staffNow(c, REVIEWER).shareable).toEqual({ worker: ["f1"], employer: ["f2"] });
    expect(shareBlocker(c, "worker", FINANCE)).toBe("forbidden");
    expect(
      shareBlocker(caseOf({ report: { status: "rejected" }, evidence: files }), "worker", REVIEWER),
    ).toBe("not_allowed_now");
    const shared = caseOf({ evidence: [{ ...files[0]!, sharedWithWorker: true }] });
    expect(shareBlocker(shared, "worker", REVIEWER)).toBe("nothing_to_share");
  });

  it("the employer never sees a grievance attachment staff did not share; the worker only shared files and their own", () => {
    expect(employerMaySee({ kind: "bank_statement", sharedWithEmployer: false })).toBe(true);
    expect(employerMaySee({ kind: "grievance_attachment", sharedWithEmployer: false })).toBe(false);
    expect(employerMaySee({ kind: "grievance_attachment", sharedWithEmployer: true })).toBe(true);
    const statement = {
      kind: "bank_statement",
      sharedWithWorker: false,
      uploadedByKind: "employer",
      uploadedBy: "e",
    };
    expect(workerMaySee(statement, "w")).toBe(false);
    expect(workerMaySee({ ...statement, sharedWithWorker: true }, "w")).toBe(true);
    const own = {
      kind: "grievance_attachment",
      sharedWithWorker: false,
      uploadedByKind: "worker",
      uploadedBy: "w",
    };
    expect(workerMaySee(own, "w")).toBe(true);
    expect(workerMaySee(own, "someone-else")).toBe(false);
  });
});

describe("whatNow", () => {
  it("answers with the asking party's view", () => {
    expect(whatNow(caseOf(), WORKER).kind).toBe("worker");
    expect(whatNow(caseOf(), EMPLOYER).kind).toBe("employer");
    expect(whatNow(caseOf(), SUPERVISOR).kind).toBe("staff");
  });
});
