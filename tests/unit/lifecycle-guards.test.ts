/**
 * Issue 10 part A: the guards of the deposit, refund, report (settlement, expiry, closing), exit and
 * suspension tables, each at its edges. The tables themselves (who, from where) are walked move by move in
 * lifecycles.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { CaseFacts } from "@/lib/cases/facts";
import { payBlocker, utilisationBlocker } from "@/lib/deposits/states";
import { exitBlocker, exitKindBlocker } from "@/lib/exits/states";
import { whyNot, whyNotCreate, type ActorRef } from "@/lib/lifecycle/machine";
import { employerRefundBlocker, refundMachine } from "@/lib/refunds/states";
import { refundFactsOf } from "@/lib/reports/refund-facts";
import { assessRefund } from "@/lib/reports/refund-grounds";
import { DEFAULT_REPORT_DRAFT_EXPIRY_DAYS, reportDraftExpiryDays } from "@/lib/reports/settings";
import { closeBlocker, expiryBlocker, filingBlocker, reportMachine } from "@/lib/reports/states";
import { suspensionDue } from "@/lib/suspensions/states";
import { caseOf } from "../helpers/case-facts";

const SYSTEM: ActorRef = { kind: "system" };
const REVIEWER: ActorRef = { kind: "staff", id: "r2", role: "reviewer" };
const FINANCE: ActorRef = { kind: "staff", id: "f", role: "finance" };
const EMPLOYER: ActorRef = { kind: "employer", id: "e1" };

type Deposit = NonNullable<CaseFacts["deposit"]>;
type Exit = CaseFacts["exits"][number];
type Refund = CaseFacts["refunds"][number];
const deposit = (over: Partial<Deposit> = {}) =>
  ({ id: "d", status: "paid", amountBaisa: 85_000, refundedBaisa: 0, utilisedAt: null, ...over }) as Deposit;
const exit = (kind: Exit["kind"], reportId = "rep") => ({ id: `x-${kind}`, kind, reportId }) as Exit;
const refund = (over: Partial<Refund>) =>
  ({ id: "q", depositId: "d", amountBaisa: 85_000, ground: "report_rejected", ...over }) as Refund;
const unpaid = (over: Parameters<typeof caseOf>[0] = {}) =>
  caseOf({
    ...over,
    worker: { id: "w", permitStatus: "active", establishmentId: "e", nationality: "IN" },
    report: { status: "awaiting_payment", feeBaisa: 85_000, approvedAt: null, ...over.report },
  });

describe("the filing rules, checked again at payment", () => {
  it("hold for an unchanged case; a suspension, a moved or inactive permit, an offline governorate each stop it", () => {
    expect(filingBlocker(unpaid())).toBeNull();
    const until = new Date("2027-01-01T00:00:00Z");
    expect(
      filingBlocker(
        unpaid({ establishment: { id: "e", governorateCode: "MA", servicesSuspendedUntil: until } }),
      ),
    ).toMatchObject({ code: "establishment_suspended", until });
    // A suspension that ended yesterday no longer blocks, whether or not the daily job has run.
    expect(
      filingBlocker(
        unpaid({
          establishment: {
            id: "e",
            governorateCode: "MA",
            servicesSuspendedUntil: new Date("2026-12-04T00:00:00Z"),
          },
        }),
      ),
    ).toBeNull();
    const moved = unpaid();
    moved.worker = { ...moved.worker, establishmentId: "other" };
    expect(filingBlocker(moved)?.code).toBe("permit_other_establishment");
    const transferred = unpaid();
    transferred.worker = { ...transferred.worker, permitStatus: "transferred" };
    expect(filingBlocker(transferred)).toEqual({ code: "permit_not_active", permitStatus: "transferred" });
    const offline = unpaid();
    offline.governorate = { ...offline.governorate, pilotFrom: "2027-01-01", mandatoryFrom: null };
    expect(filingBlocker(offline)?.code).toBe("governorate_not_live");
  });

  it("submitted needs them to hold; not_permitted needs one to fail", () => {
    const ok = unpaid({ deposit: deposit() });
    expect(whyNot(reportMachine, "submitted", "awaiting_payment", SYSTEM, ok)).toBeNull();
    expect(whyNot(reportMachine, "not_permitted", "awaiting_payment", SYSTEM, ok)).toBe("still_permitted");
    const bad = unpaid({ deposit: deposit() });
    bad.worker = { ...bad.worker, permitStatus: "cancelled" };
    expect(whyNot(reportMachine, "submitted", "awaiting_payment", SYSTEM, bad)).toBe("permit_not_active");
    expect(whyNot(reportMachine, "not_permitted", "awaiting_payment", SYSTEM, bad)).toBeNull();
  });

  it("a payment starts only on a report awaiting payment, with its fee, none under way, every rule holding", () => {
    expect(payBlocker(unpaid())).toBeNull();
    expect(payBlocker(unpaid({ report: { status: "draft" } }))).toBe("not_awaiting_payment");
    expect(payBlocker(unpaid({ report: { feeBaisa: null } }))).toBe("no_fee");
    expect(payBlocker(unpaid({ deposit: deposit({ status: "pending" }) }))).toBe("payment_started");
    const moved = unpaid();
    moved.worker = { ...moved.worker, establishmentId: "x" };
    expect(payBlocker(moved)).toBe("permit_other_establishment");
  });
});

describe("expiry and discarding", () => {
  const at = (days: number) => ({
    updatedAt: new Date(Date.parse("2026-12-05T08:00:00Z") - days * 86_400_000),
  });

  it(`expires ${DEFAULT_REPORT_DRAFT_EXPIRY_DAYS} days after the last change, never with a deposit`, () => {
    expect(expiryBlocker(unpaid({ report: at(29) }))).toBe("not_due");
    expect(expiryBlocker(unpaid({ report: at(30) }))).toBeNull();
    expect(expiryBlocker(unpaid({ report: at(90), deposit: deposit({ status: "pending" }) }))).toBe(
      "payment_started",
    );
    expect(whyNot(reportMachine, "expired", "draft", SYSTEM, unpaid({ report: at(31) }))).toBeNull();
    expect(whyNot(reportMachine, "expired", "submitted", SYSTEM, unpaid({ report: at(31) }))).toBe(
      "not_allowed_now",
    );
  });

  it("the employer discards a draft or an unpaid report, not once money is involved", () => {
    expect(whyNot(reportMachine, "discarded", "awaiting_payment", EMPLOYER, unpaid())).toBeNull();
    for (const status of ["pending", "paid"] as const)
      expect(
        whyNot(
          reportMachine,
          "discarded",
          "awaiting_payment",
          EMPLOYER,
          unpaid({ deposit: deposit({ status }) }),
        ),
      ).toBe("payment_started");
    expect(whyNot(reportMachine, "discarded", "submitted", EMPLOYER, unpaid())).toBe("not_allowed_now");
  });

  it("REPORT_DRAFT_EXPIRY_DAYS: a whole number of days from 1, else the default", () => {
    expect(reportDraftExpiryDays({})).toBe(30);
    expect(reportDraftExpiryDays({ REPORT_DRAFT_EXPIRY_DAYS: "14" })).toBe(14);
    for (const bad of ["0", "-3", "2.5", "ten", "", "99999"])
      expect(reportDraftExpiryDays({ REPORT_DRAFT_EXPIRY_DAYS: bad })).toBe(30);
  });
});

describe("closing an approved report", () => {
  const ends = (legalPeriodEnds: string) => caseOf({ report: { legalPeriodEnds } });

  it("the system closes it from the day its legal period ends (Muscat), not before", () => {
    expect(closeBlocker(ends("2026-12-06"), SYSTEM)).toBe("legal_period_not_ended");
    expect(closeBlocker(ends("2026-12-05"), SYSTEM)).toBeNull();
  });

  it("staff close it by recording that the worker left the country — not for the legal period", () => {
    expect(closeBlocker(ends("2026-12-01"), REVIEWER)).toBe("exit_not_recorded");
    expect(closeBlocker(caseOf({ exits: [exit("transferred")] }), REVIEWER)).toBe("exit_not_recorded");
    expect(closeBlocker(caseOf({ exits: [exit("left_own_expense")] }), REVIEWER)).toBeNull();
    expect(closeBlocker(caseOf({ exits: [exit("deported")] }), FINANCE)).toBeNull();
    // An exit recorded on another report of the same worker does not count for this one.
    expect(closeBlocker(caseOf({ exits: [exit("deported", "another")] }), FINANCE)).toBe("exit_not_recorded");
  });
});

describe("the deposit's use (contradiction 7)", () => {
  it("only on an approved (or since closed) report, after a recorded deportation, with no refund asked", () => {
    const deported = [exit("deported")];
    expect(utilisationBlocker(caseOf({ exits: deported }))).toBeNull();
    expect(utilisationBlocker(caseOf({ report: { status: "closed" }, exits: deported }))).toBeNull();
    expect(
      utilisationBlocker(caseOf({ report: { status: "submitted", approvedAt: null }, exits: deported })),
    ).toBe("report_not_approved");
    expect(utilisationBlocker(caseOf())).toBe("deportation_not_recorded");
    expect(utilisationBlocker(caseOf({ exits: [exit("left_own_expense")] }))).toBe(
      "deportation_not_recorded",
    );
    expect(utilisationBlocker(caseOf({ exits: deported, refunds: [refund({ status: "submitted" })] }))).toBe(
      "refund_in_flight",
    );
    expect(
      utilisationBlocker(caseOf({ exits: deported, refunds: [refund({ status: "rejected" })] })),
    ).toBeNull();
  });
});

describe("refund requests", () => {
  it("the employer asks only while a ground holds and the deposit is held; the system on its own grounds", () => {
    const rejected = caseOf({
      report: { status: "rejected", submittedAt: new Date(), approvedAt: null },
      deposit: deposit(),
    });
    expect(employerRefundBlocker(rejected)).toBeNull();
    expect(whyNotCreate(refundMachine, EMPLOYER, rejected)).toBeNull();
    const standing = caseOf({ deposit: deposit() });
    expect(employerRefundBlocker(standing)).toBe("refund_no_ground");
    expect(whyNotCreate(refundMachine, SYSTEM, standing)).toBeNull();
    expect(whyNotCreate(refundMachine, REVIEWER, standing)).toBe("forbidden");
    expect(
      employerRefundBlocker(
        caseOf({ report: { status: "rejected" }, deposit: deposit({ status: "utilised" }) }),
      ),
    ).toBe("deposit_utilised");
  });

  it("ground 4 needs the permit cancelled and no deportation at the deposit's cost", () => {
    const left = caseOf({ deposit: deposit() });
    left.worker = { ...left.worker, permitStatus: "cancelled" };
    expect(assessRefund(refundFactsOf(left), left.now).grounds).toContain("worker_left_country");
    const deported = { ...left, exits: [exit("deported")] };
    expect(assessRefund(refundFactsOf(deported), left.now).grounds).not.toContain("worker_left_country");
  });

  it("a report refused at payment gives its own ground (rejected without ever being submitted)", () => {
    const refused = caseOf({
      report: { status: "rejected", submittedAt: null, approvedAt: null },
      deposit: deposit(),
    });
    expect(assessRefund(refundFactsOf(refused), refused.now).grounds).toEqual(["not_permitted_at_payment"]);
  });

  it("only the system approves automatically, and only its not_permitted_at_payment request, for a held deposit", () => {
    const auto = caseOf({
      deposit: deposit(),
      refunds: [refund({ status: "submitted", ground: "not_permitted_at_payment" })],
    });
    expect(whyNot(refundMachine, "approved_automatically", "submitted", SYSTEM, auto)).toBeNull();
    expect(whyNot(refundMachine, "approved_automatically", "submitted", FINANCE, auto)).toBe("forbidden");
    const byFinance = caseOf({ deposit: deposit(), refunds: [refund({ status: "submitted" })] });
    expect(whyNot(refundMachine, "approved_automatically", "submitted", SYSTEM, byFinance)).toBe(
      "not_automatic",
    );
    expect(whyNot(refundMachine, "approved", "submitted", FINANCE, byFinance)).toBeNull();
    const used = { ...byFinance, deposit: deposit({ status: "utilised", utilisedAt: new Date() }) };
    expect(whyNot(refundMachine, "approved", "submitted", FINANCE, used)).toBe("deposit_not_held");
    const tooMuch = caseOf({
      deposit: deposit(),
      refunds: [refund({ status: "submitted", amountBaisa: 90_000 })],
    });
    expect(whyNot(refundMachine, "approved", "submitted", FINANCE, tooMuch)).toBe("amount_invalid");
  });
});

describe("recording a worker's exit", () => {
  const today = "2026-12-05";
  it("on a submitted or approved report, until the worker is recorded as gone", () => {
    expect(exitBlocker(caseOf())).toBeNull();
    expect(exitBlocker(caseOf({ report: { status: "submitted" } }))).toBeNull();
    expect(exitBlocker(caseOf({ report: { status: "rejected" } }))).toBe("exit_not_allowed_now");
    expect(exitBlocker(caseOf({ exits: [exit("left_own_expense")] }))).toBe("exit_already_recorded");
    expect(exitBlocker(caseOf({ exits: [exit("transferred")] }))).toBeNull();
  });

  it("finance records a deportation only; a deportation only on an approved report; dates within bounds", () => {
    const c = caseOf({ report: { lastDayAtWork: "2026-10-01" } });
    expect(exitKindBlocker(c, FINANCE, "left_own_expense", today)).toEqual({
      code: "exit_kind_not_allowed",
      field: "exitKind",
    });
    expect(exitKindBlocker(c, FINANCE, "deported", today)).toBeNull();
    expect(
      exitKindBlocker(caseOf({ report: { status: "submitted" } }), REVIEWER, "deported", today)?.code,
    ).toBe("deportation_needs_approval");
    expect(exitKindBlocker(c, REVIEWER, "transferred", "2026-12-06")?.code).toBe("exit_date_future");
    expect(exitKindBlocker(c, REVIEWER, "transferred", "2026-09-30")?.code).toBe("exit_date_before_absence");
    expect(
      exitKindBlocker(caseOf({ exits: [exit("transferred")] }), REVIEWER, "transferred", today)?.code,
    ).toBe("exit_already_recorded");
  });
});

describe("a suspension ends on its date", () => {
  it("not a moment before", () => {
    const suspension = { endsAt: new Date("2026-12-05T08:00:00Z") } as never;
    expect(suspensionDue({ now: new Date("2026-12-05T07:59:59Z"), suspension })).toBe("not_due");
    expect(suspensionDue({ now: new Date("2026-12-05T08:00:00Z"), suspension })).toBeNull();
  });
});
