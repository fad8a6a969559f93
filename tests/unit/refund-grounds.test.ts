import { describe, expect, it } from "vitest";
import { addYears, assessRefund, datesFromApproval, type RefundFacts } from "@/lib/reports/refund-grounds";

/** 21:30 UTC on 15 March 2021 is already 16 March in Muscat (UTC+4): the approval date is the 16th. */
const APPROVED_AT = new Date("2021-03-15T21:30:00Z");

const paid = { status: "paid" as const, amountBaisa: 85_000, refundedBaisa: 0, utilisedAt: null };

function facts(over: Partial<RefundFacts> = {}): RefundFacts {
  return {
    reportStatus: "approved",
    approvedAt: APPROVED_AT,
    cancellationAccepted: false,
    cancelledByGrievance: false,
    workerPermitCancelled: false,
    workerDeported: false,
    notPermittedAtPayment: false,
    deposit: paid,
    liveRefundRequest: false,
    ...over,
  };
}

/** The instant a Muscat wall-clock time happens. */
const muscat = (local: string) => new Date(`${local}+04:00`);

describe("datesFromApproval", () => {
  it("counts from the Muscat calendar date of the approval", () => {
    expect(datesFromApproval(APPROVED_AT)).toEqual({
      approvalDate: "2021-03-16",
      grievanceDeadline: "2021-05-15",
      legalPeriodEnds: "2025-03-16",
      refundClaimUntil: "2030-03-16",
    });
  });

  it("moves 29 February to 1 March in a year without one", () => {
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2024-02-29", 1)).toBe("2025-03-01");
    expect(addYears("2024-02-29", 9)).toBe("2033-03-01");
  });
});

describe("assessRefund — legal period ended (4 years, claim within 9)", () => {
  it("does not hold on the last day before the 4th anniversary, and says when it will", () => {
    const a = assessRefund(facts(), muscat("2025-03-15T23:59:59"));
    expect(a.grounds).toEqual([]);
    expect(a.offered).toBe(false);
    expect(a.legalPeriodGroundFrom).toBe("2025-03-16");
    expect(a.claimWindowClosed).toBe(false);
  });

  it("holds from midnight in Muscat on the 4th anniversary (still the 15th in UTC)", () => {
    const at = muscat("2025-03-16T00:00:00");
    expect(at.toISOString()).toBe("2025-03-15T20:00:00.000Z");
    const a = assessRefund(facts(), at);
    expect(a.grounds).toEqual(["legal_period_ended"]);
    expect(a.offered).toBe(true);
    expect(a.amountBaisa).toBe(85_000);
    expect(a.legalPeriodGroundFrom).toBeNull();
  });

  it("still holds on the 9th anniversary, to its last second in Muscat", () => {
    const a = assessRefund(facts(), muscat("2030-03-16T23:59:59"));
    expect(a.grounds).toEqual(["legal_period_ended"]);
    expect(a.offered).toBe(true);
  });

  it("no longer holds the day after the 9th anniversary (though still the 16th in UTC)", () => {
    const at = muscat("2030-03-17T00:00:00");
    expect(at.toISOString().slice(0, 10)).toBe("2030-03-16");
    const a = assessRefund(facts(), at);
    expect(a.grounds).toEqual([]);
    expect(a.offered).toBe(false);
    expect(a.claimWindowClosed).toBe(true);
    expect(a.legalPeriodGroundFrom).toBeNull();
  });

  it("holds for a closed report too, but not for one that was never approved", () => {
    expect(assessRefund(facts({ reportStatus: "closed" }), muscat("2026-01-01T12:00:00")).grounds).toEqual([
      "legal_period_ended",
    ]);
    const submitted = assessRefund(
      facts({ reportStatus: "submitted", approvedAt: null }),
      muscat("2026-01-01T12:00:00"),
    );
    expect(submitted.grounds).toEqual([]);
    expect(submitted.legalPeriodEnds).toBeNull();
    expect(submitted.legalPeriodGroundFrom).toBeNull();
  });
});

describe("assessRefund — the other grounds", () => {
  const now = muscat("2026-11-28T10:00:00");

  it("cancellation approved: only once the report is cancelled through an accepted request", () => {
    expect(
      assessRefund(facts({ reportStatus: "cancelled", cancellationAccepted: true }), now).grounds,
    ).toEqual(["cancellation_approved"]);
    // Accepted but the report not (yet) cancelled: no ground.
    expect(
      assessRefund(
        facts({
          reportStatus: "approved",
          approvedAt: new Date("2026-10-01T08:00:00Z"),
          cancellationAccepted: true,
        }),
        now,
      ).grounds,
    ).toEqual([]);
  });

  it("grievance accepted: a cancellation with the grievance_accepted reason", () => {
    const a = assessRefund(facts({ reportStatus: "cancelled", cancelledByGrievance: true }), now);
    expect(a.grounds).toEqual(["grievance_accepted"]);
    expect(a.offered).toBe(true);
  });

  it("worker left at own expense: the permit is cancelled, on any filed report, never on a draft", () => {
    const recent = new Date("2026-06-01T08:00:00Z");
    expect(assessRefund(facts({ approvedAt: recent, workerPermitCancelled: true }), now).grounds).toEqual([
      "worker_left_country",
    ]);
    expect(
      assessRefund(facts({ reportStatus: "submitted", approvedAt: null, workerPermitCancelled: true }), now)
        .grounds,
    ).toEqual(["worker_left_country"]);
    expect(
      assessRefund(facts({ reportStatus: "draft", approvedAt: null, workerPermitCancelled: true }), now)
        .grounds,
    ).toEqual([]);
  });

  it("lists every ground that holds", () => {
    const a = assessRefund(facts({ reportStatus: "closed", workerPermitCancelled: true }), now);
    expect(a.grounds).toEqual(["legal_period_ended", "worker_left_country"]);
  });
});

describe("assessRefund — only a paid deposit, neither utilised nor refunded, with no request in flight", () => {
  const now = muscat("2026-11-28T10:00:00");
  const cancelled = { reportStatus: "cancelled" as const, cancellationAccepted: true };

  it.each([
    ["no deposit", { deposit: null }, "no_paid_deposit"],
    ["pending", { deposit: { ...paid, status: "pending" as const } }, "no_paid_deposit"],
    ["failed", { deposit: { ...paid, status: "failed" as const } }, "no_paid_deposit"],
    [
      "utilised",
      { deposit: { ...paid, status: "utilised" as const, utilisedAt: new Date() } },
      "deposit_utilised",
    ],
    [
      "refunded",
      { deposit: { ...paid, status: "refunded" as const, refundedBaisa: 85_000 } },
      "deposit_refunded",
    ],
    ["partly refunded", { deposit: { ...paid, refundedBaisa: 10 } }, "deposit_refunded"],
    ["a request in flight", { liveRefundRequest: true }, "refund_requested"],
  ] as const)("%s: the ground holds but nothing is offered", (_label, over, blocker) => {
    const a = assessRefund(facts({ ...cancelled, ...over }), now);
    expect(a.grounds).toEqual(["cancellation_approved"]);
    expect(a.blocker).toBe(blocker);
    expect(a.offered).toBe(false);
  });

  it("a paid deposit with a ground is offered, for the whole amount", () => {
    const a = assessRefund(facts(cancelled), now);
    expect(a).toMatchObject({ offered: true, blocker: null, amountBaisa: 85_000 });
  });
});

describe("assessRefund — report rejected", () => {
  it("holds for a rejected report, and only for one", () => {
    const rejected = assessRefund(facts({ reportStatus: "rejected", approvedAt: null }));
    expect(rejected.grounds).toEqual(["report_rejected"]);
    expect(rejected.offered).toBe(true);
    expect(assessRefund(facts({ reportStatus: "submitted", approvedAt: null })).grounds).not.toContain(
      "report_rejected",
    );
    expect(
      assessRefund(facts({ reportStatus: "cancelled", cancellationAccepted: true })).grounds,
    ).not.toContain("report_rejected");
  });

  it("is blocked once the automatic refund request exists", () => {
    const a = assessRefund(facts({ reportStatus: "rejected", approvedAt: null, liveRefundRequest: true }));
    expect(a.grounds).toEqual(["report_rejected"]);
    expect(a.offered).toBe(false);
    expect(a.blocker).toBe("refund_requested");
  });
});
