import { describe, expect, it } from "vitest";
import { rankByCreation, internals } from "@/db/scale";
import {
  DEFAULT_OPTIONS,
  FILING_BEGAN,
  GOVERNORATE_REPORTS_H1_2018,
  apportion,
  approvalDates,
  isOpen,
  muscatDateOf,
  muscatMidnight,
  planLayout,
  planReport,
  scaleUuid,
  type ReportPlan,
  type ReportStatus,
} from "@/db/scale/plan";
import { datesFromApproval } from "@/lib/reports/refund-grounds";
import { formatReference, parseReference } from "@/lib/reports/reference";
import { addDays } from "@/lib/time";

const options = { ...DEFAULT_OPTIONS, reports: 20_000, benchReports: 500 };
const layout = planLayout(options);
const plans: ReportPlan[] = Array.from({ length: 6_000 }, (_, i) => planReport(layout, 1_000 + i));

describe("apportion", () => {
  it("adds up to the total exactly and follows the weights", () => {
    const out = apportion(1_000, [3, 2, 1]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(1_000);
    expect(out).toEqual([500, 333, 167]);
    expect(apportion(7, [1, 1, 1]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});

describe("the layout", () => {
  it("spreads reports over the 11 governorates in DOMAIN.md §2's proportions", () => {
    const total = GOVERNORATE_REPORTS_H1_2018.reduce((s, [, n]) => s + n, 0);
    expect(layout.reportsByGovernorate.size).toBe(11);
    for (const [code, h1] of GOVERNORATE_REPORTS_H1_2018) {
      const got = layout.reportsByGovernorate.get(code)!;
      expect(Math.abs(got - (options.reports * h1) / total)).toBeLessThan(1);
    }
    // The establishments' reports add up to each governorate's share.
    const byGov = new Map<string, number>();
    for (const e of layout.establishments)
      byGov.set(e.governorate, (byGov.get(e.governorate) ?? 0) + e.reportCount);
    for (const [code, n] of layout.reportsByGovernorate) expect(byGov.get(code)).toBe(n);
  });

  it("numbers reports contiguously, the bench establishment first with exactly its reports, in Muscat", () => {
    let next = 0;
    for (const e of layout.establishments) {
      expect(e.reportStart).toBe(next);
      next += e.reportCount;
    }
    expect(next).toBe(options.reports);
    expect(layout.establishments[0]).toMatchObject({
      bench: true,
      governorate: "MA",
      reportStart: 0,
      reportCount: 500,
    });
    expect(layout.establishments.filter((e) => e.bench)).toHaveLength(1);
    // About one establishment per 20 reports, with a long tail of big filers.
    expect(layout.establishments.length).toBeGreaterThan(900);
    expect(layout.establishments.length).toBeLessThan(1_100);
    expect(Math.max(...layout.establishments.slice(1).map((e) => e.reportCount))).toBeGreaterThan(100);
  });

  it("refuses more bench reports than Muscat's share", () => {
    expect(() => planLayout({ ...DEFAULT_OPTIONS, reports: 1_000, benchReports: 5_000 })).toThrow(
      /too small/,
    );
  });
});

describe("a report's story", () => {
  it("is deterministic: the same index and seed give the same plan, another seed another", () => {
    expect(planReport(layout, 1_234)).toEqual(planReport(layout, 1_234));
    expect(planReport(planLayout({ ...options, seed: 7 }), 1_234)).not.toEqual(planReport(layout, 1_234));
  });

  it("covers every status, in plausible shares", () => {
    const share = (s: ReportStatus) => plans.filter((p) => p.status === s).length / plans.length;
    for (const s of [
      "draft",
      "awaiting_payment",
      "submitted",
      "approved",
      "rejected",
      "cancelled",
      "closed",
    ] as const) {
      expect(
        plans.some((p) => p.status === s),
        s,
      ).toBe(true);
    }
    expect(share("closed")).toBeGreaterThan(0.35);
    expect(share("approved")).toBeGreaterThan(0.2);
    expect(share("rejected")).toBeGreaterThan(0.04);
    expect(share("rejected")).toBeLessThan(0.12);
    expect(share("cancelled")).toBeGreaterThan(0.02);
    expect(share("draft")).toBeLessThan(0.03);
  });

  // Checked row by row into a list of problems, asserted once (an expect per row would take seconds).
  it("keeps the dates consistent: filed 7+ days after the last day at work, events in order, within ten years", () => {
    const first = muscatMidnight(FILING_BEGAN);
    const end = muscatMidnight(options.until);
    const problems: string[] = [];
    const check = (ok: boolean, p: ReportPlan, what: string) =>
      void (ok || problems.push(`report ${p.index}: ${what}`));
    for (const p of plans) {
      if (p.lastDayAtWork)
        check(muscatDateOf(p.createdAt) >= addDays(p.lastDayAtWork, 7), p, "filed within 7 days");
      check(p.createdAt >= first, p, "before electronic filing began");
      check(p.events[0]!.from === null && p.events[0]!.to === "draft", p, "does not start as a draft");
      for (let k = 1; k < p.events.length; k++) {
        check(p.events[k]!.at > p.events[k - 1]!.at, p, "events out of order");
        check(p.events[k]!.from === p.events[k - 1]!.to, p, "event chain broken");
      }
      check(p.events[p.events.length - 1]!.to === p.status, p, "last event is not the status");
      check(p.updatedAt < end, p, "in the future");
      if (p.submittedAt !== null) check(p.submittedAt > p.createdAt, p, "submitted before created");
      if (p.decidedAt !== null)
        check(p.submittedAt !== null && p.decidedAt > p.submittedAt, p, "decided before submitted");
    }
    expect(problems).toEqual([]);
  });

  it("has a paid deposit behind every filed report, and refunds only of deposits held", () => {
    const problems: string[] = [];
    const check = (ok: boolean, p: ReportPlan, what: string) =>
      void (ok || problems.push(`report ${p.index}: ${what}`));
    for (const p of plans) {
      const live = p.deposits.filter((d) => d.status !== "failed" && d.status !== "expired");
      const d = live[0];
      check(live.length <= 1, p, "two live deposits");
      if (p.submittedAt !== null)
        check(live.length === 1 && d!.paidAt === p.submittedAt, p, "filed without a paid deposit");
      if (p.status === "draft") check(p.deposits.length === 0, p, "a draft with a deposit");
      if (d?.status === "utilised") check(p.refund === null, p, "refund of a utilised deposit");
      if (d?.status === "refunded")
        check(p.refund?.status === "refunded", p, "refunded deposit without a refund");
      if (p.refund?.status === "refunded")
        check(d?.status === "refunded", p, "refund done, deposit not refunded");
      if (p.status === "rejected")
        check(p.refund?.ground === "report_rejected", p, "rejected without its refund");
    }
    expect(problems).toEqual([]);
  });

  it("closes at the end of the 4-year legal period, and grievances come within 60 days of approval", () => {
    const closedByLaw = plans.filter((p) => p.closeReason === "legal_period_ended");
    expect(closedByLaw.length).toBeGreaterThan(100);
    const early = closedByLaw.filter(
      (p) => muscatDateOf(p.events[p.events.length - 1]!.at) < approvalDates(p.approvedAt!).legalPeriodEnds,
    );
    expect(early.map((p) => p.index)).toEqual([]);
    const late = plans.filter(
      (p) =>
        p.grievance && muscatDateOf(p.grievance.createdAt) > approvalDates(p.approvedAt!).grievanceDeadline,
    );
    expect(late.map((p) => p.index)).toEqual([]);
  });

  it("computes the approval dates exactly as the app does", () => {
    const sample = plans.filter((x) => x.approvedAt !== null).slice(0, 300);
    expect(sample.map((p) => approvalDates(p.approvedAt!))).toEqual(
      sample.map((p) => datesFromApproval(new Date(p.approvedAt!))),
    );
  });

  it("forces the earlier of two reports about one worker to be over (rejected) long before the second", () => {
    const earlier = Array.from({ length: 200 }, (_, i) => planReport(layout, 5_000 + i, { kind: "earlier" }));
    expect(new Set(earlier.map((p) => p.status))).toEqual(new Set(["rejected"]));
    expect(earlier.filter((p) => isOpen(p.status) || p.updatedAt - p.createdAt > 40 * 86_400_000)).toEqual(
      [],
    );
  });

  it("gives the bench worker one closed and one open report", () => {
    const stories = internals.benchStories(layout);
    const closed = planReport(layout, 0, stories.get(0));
    const open = planReport(layout, 1, stories.get(1));
    expect(closed.status).toBe("closed");
    expect(open.status).toBe("approved");
    expect(isOpen(open.status)).toBe(true);
  });
});

describe("ids and references", () => {
  it("hands out references in creation order, each valid (check digit) and unique", () => {
    const small = planLayout({ ...DEFAULT_OPTIONS, reports: 3_000, benchReports: 100 });
    const stories = internals.benchStories(small);
    const rank = rankByCreation(small, stories);
    expect([...rank].sort((a, b) => a - b)).toEqual(Array.from({ length: 3_000 }, (_, i) => i));
    const created = Array.from({ length: 3_000 }, (_, i) => internals.createdAtOf(small, stories, i));
    const byRank = [...created.keys()].sort((a, b) => rank[a]! - rank[b]!);
    const unordered = byRank.filter((i, k) => k > 0 && created[i]! < created[byRank[k - 1]!]!);
    expect(unordered).toEqual([]);
    const refs = created.map((at, i) =>
      formatReference(Number(muscatDateOf(at).slice(0, 4)), 1_000 + rank[i]!),
    );
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs.filter((r) => parseReference(r) !== r)).toEqual([]);
  });

  it("makes unique, well-formed UUIDs", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i++) ids.add(scaleUuid(42, 4, i)).add(scaleUuid(42, 5, i));
    expect(ids.size).toBe(10_000);
    expect(
      [...ids].filter(
        (id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
      ),
    ).toEqual([]);
  });

  it("writes COPY text safely", () => {
    expect(internals.esc(null)).toBe("\\N");
    expect(internals.esc("a\tb\nc\\d")).toBe("a\\tb\\nc\\\\d");
    expect(internals.esc(false)).toBe("false");
  });
});
