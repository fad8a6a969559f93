/**
 * The scale generator's plan: pure, deterministic functions that decide what exists (establishments, workers,
 * reports and everything hanging on a report) from a seed number and the options. Nothing here touches the
 * database; db/scale/index.ts turns plans into COPY rows.
 *
 * Every report is planned from its own PRNG, seeded by (seed, report index), so a report can be planned
 * twice (once for its date in the pre-pass that orders references, once in full) with the same result.
 */
import { addYears } from "../../lib/reports/refund-grounds";
import { RULES } from "../../lib/reports/settings";
import { addDays } from "../../lib/time";
import { createRng, type Rng } from "../seed/generate";
import type { GovernorateCode } from "../seed/data";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MIN_MS = 60_000;
/** Muscat is UTC+4 all year. */
const MUSCAT_OFFSET_MS = 4 * HOUR_MS;

/**
 * Reports filed in the first half of 2018 by governorate (DOMAIN.md §2): the generator spreads reports, and
 * establishments, in these proportions.
 */
export const GOVERNORATE_REPORTS_H1_2018: readonly (readonly [GovernorateCode, number])[] = [
  ["MA", 3387],
  ["BN", 2439],
  ["SN", 1995],
  ["SS", 1992],
  ["DA", 1400],
  ["BS", 1385],
  ["ZU", 1229],
  ["ZA", 946],
  ["BU", 486],
  ["WU", 265],
  ["MU", 53],
];

/** Electronic filing began on 13 December 2016 (DOMAIN.md §2): no report is older. */
export const FILING_BEGAN = "2016-12-13";

export type ScaleOptions = {
  /** Total reports to create, the bench establishment's included. */
  reports: number;
  /** PRNG seed: the same seed and options give the same rows. */
  seed: number;
  /** The generated history ends the day before this date (Muscat). */
  until: string;
  /** Reports of "Bench Establishment" (the bench helper expects exactly 5,000). */
  benchReports: number;
  /** Mean reports per establishment (establishments = reports / this). */
  reportsPerEstablishment: number;
  /** Registry workers per report: reported workers plus colleagues never reported. */
  workersPerReport: number;
};

export const DEFAULT_OPTIONS: ScaleOptions = {
  reports: 100_000,
  seed: 20_261_128,
  until: "2026-11-28",
  benchReports: 5_000,
  reportsPerEstablishment: 20,
  workersPerReport: 1.25,
};

// --- small deterministic helpers -------------------------------------------------------------------------

/** A 32-bit integer hash of two integers (murmur3's finaliser). */
export function hash32(a: number, b: number): number {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(b >>> 0, 0xcc9e2d51);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The PRNG of one report, one establishment, ... (`stream` keeps the kinds apart). */
export function rngFor(seed: number, stream: number, index: number): Rng {
  return createRng(hash32(hash32(seed, stream), index));
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/**
 * A deterministic, unique, random-looking UUID (version 4 layout) for row `index` of table `tag`: the first
 * 20 hex digits are hashed (so rows spread over a B-tree as gen_random_uuid ones do), the last 12 carry the
 * tag and the index (so two rows never collide).
 */
export function scaleUuid(seed: number, tag: number, index: number): string {
  const a = hash32(hash32(seed, tag), index);
  const b = hash32(a, index ^ 0x5bd1e995);
  return (
    `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex((b >>> 4) & 0xfff, 3)}-${hex(8 | (b & 3), 1)}${hex(hash32(b, tag) & 0xfff, 3)}-` +
    `${hex(tag, 2)}${hex(index, 10)}`
  );
}

/** Largest-remainder apportionment: integers in proportion to `weights` that add up to exactly `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sum <= 0) throw new Error("apportion: no weight");
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; left > 0; k++, left--) out[order[k % order.length]![1]]! += 1;
  return out;
}

export function dayOf(ms: number): number {
  return Math.floor((ms + MUSCAT_OFFSET_MS) / DAY_MS);
}

export function muscatDateOf(ms: number): string {
  return new Date(ms + MUSCAT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight (Muscat) of a YYYY-MM-DD date, as epoch milliseconds. */
export function muscatMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - MUSCAT_OFFSET_MS;
}

/** The same dates as lib/reports/refund-grounds.ts `datesFromApproval`, without Intl (millions of calls). */
export function approvalDates(approvedAtMs: number) {
  const approvalDate = muscatDateOf(approvedAtMs);
  return {
    approvalDate,
    grievanceDeadline: addDays(approvalDate, RULES.grievanceWindowDays),
    legalPeriodEnds: addYears(approvalDate, RULES.legalPeriodYears),
    refundClaimUntil: addYears(approvalDate, RULES.refundClaimYears),
  };
}

/** Moves an instant in a Friday or Saturday (the Omani weekend) to the same time on Sunday. */
function workingDay(ms: number): number {
  const weekday = new Date(ms + MUSCAT_OFFSET_MS).getUTCDay(); // 5 = Friday, 6 = Saturday
  return weekday === 5 ? ms + 2 * DAY_MS : weekday === 6 ? ms + DAY_MS : ms;
}

/** A time during office hours (07:30-15:30 Muscat) on the day of `ms`, plus `days` days, on a working day. */
function officeTime(rng: Rng, ms: number, days: number): number {
  const midnight = (dayOf(ms) + days) * DAY_MS - MUSCAT_OFFSET_MS;
  return workingDay(midnight + 7.5 * HOUR_MS + rng.int(0, 8 * 60 - 1) * MIN_MS + rng.int(0, 59) * 1000);
}

// --- establishments --------------------------------------------------------------------------------------

export type EstablishmentPlan = {
  index: number;
  governorate: GovernorateCode;
  /** The first report index of this establishment and how many it has (reports are numbered contiguously). */
  reportStart: number;
  reportCount: number;
  bench: boolean;
};

export type Layout = {
  options: ScaleOptions;
  establishments: EstablishmentPlan[];
  reportsByGovernorate: Map<GovernorateCode, number>;
  /** First and last day (Muscat day numbers) a report may be created on. */
  firstDay: number;
  lastDay: number;
};

/**
 * Splits the reports over governorates (DOMAIN.md §2 proportions, exactly, by largest remainder), then over
 * each governorate's establishments with a skewed (log-normal) size: most establishments file a handful of
 * reports in ten years, a few file hundreds. The bench establishment (Muscat) comes first, with exactly
 * `benchReports` reports, taken out of Muscat's share.
 */
export function planLayout(options: ScaleOptions): Layout {
  const { reports, benchReports, reportsPerEstablishment } = options;
  const byGov = apportion(
    reports,
    GOVERNORATE_REPORTS_H1_2018.map(([, n]) => n),
  );
  const muscat = byGov[0]!;
  if (benchReports > muscat - 1) {
    throw new Error(
      `--reports ${reports} is too small for ${benchReports} bench reports (Muscat's share is ${muscat})`,
    );
  }
  const establishments: EstablishmentPlan[] = [
    { index: 0, governorate: "MA", reportStart: 0, reportCount: benchReports, bench: true },
  ];
  let next = benchReports;
  const reportsByGovernorate = new Map<GovernorateCode, number>();
  GOVERNORATE_REPORTS_H1_2018.forEach(([code], g) => {
    const total = byGov[g]!;
    reportsByGovernorate.set(code, total);
    const own = code === "MA" ? total - benchReports : total;
    const count = Math.max(1, Math.round(own / reportsPerEstablishment));
    const rng = rngFor(options.seed, 1, g);
    // Log-normal sizes (sigma 1.1): a long tail of big filers, as registries of employers have.
    const weights = Array.from({ length: count }, () => {
      const u1 = Math.max(rng.next(), 1e-12);
      const u2 = rng.next();
      return Math.exp(1.1 * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    });
    for (const n of apportion(own, weights)) {
      establishments.push({
        index: establishments.length,
        governorate: code,
        reportStart: next,
        reportCount: n,
        bench: false,
      });
      next += n;
    }
  });
  const firstDay = dayOf(muscatMidnight(FILING_BEGAN));
  const tenYears = dayOf(muscatMidnight(addYears(options.until, -10)));
  return {
    options,
    establishments,
    reportsByGovernorate,
    firstDay: Math.max(firstDay, tenYears),
    lastDay: dayOf(muscatMidnight(options.until)) - 1,
  };
}

// --- one report --------------------------------------------------------------------------------------------

export type ReportStatus =
  "draft" | "awaiting_payment" | "submitted" | "approved" | "rejected" | "cancelled" | "closed";
type Actor = "creator" | "staff" | "system";

export type EventPlan = {
  from: ReportStatus | null;
  to: ReportStatus;
  at: number;
  by: Actor;
  reason: string | null;
};
export type DepositPlan = {
  status: "pending" | "paid" | "utilised" | "refunded" | "failed" | "expired";
  createdAt: number;
  paidAt: number | null;
  refundedAt: number | null;
  utilisedAt: number | null;
  failureReason: string | null;
  updatedAt: number;
};
export type RequestPlan = {
  status: "submitted" | "under_review" | "accepted" | "rejected" | "withdrawn";
  createdAt: number;
  decidedAt: number | null;
  reasonCode: string | null;
};
export type CancellationPlan = RequestPlan & { reason: "worker_returned" | "filed_by_mistake" | "settled" };
export type GrievancePlan = RequestPlan & {
  grounds: "at_work" | "salary_unpaid" | "resignation_accepted" | "on_leave" | "other";
};
export type RefundPlan = {
  status: "submitted" | "approved" | "refunded" | "failed" | "rejected";
  ground:
    | "legal_period_ended"
    | "cancellation_approved"
    | "grievance_accepted"
    | "worker_left_country"
    | "report_rejected";
  createdAt: number;
  decidedAt: number | null;
};

export type ReportPlan = {
  index: number;
  status: ReportStatus;
  createdAt: number;
  updatedAt: number;
  /** Null in a draft still being written. */
  lastDayAtWork: string | null;
  complete: boolean;
  submittedAt: number | null;
  decidedAt: number | null;
  approvedAt: number | null;
  events: EventPlan[];
  deposits: DepositPlan[];
  cancellation: CancellationPlan | null;
  grievance: GrievancePlan | null;
  refund: RefundPlan | null;
  /** The worker's permit once the story is over. */
  permit: "active" | "left_workplace" | "cancelled";
  closeReason: string | null;
};

/** Ramp density over [0, 1): 1.5 times as many reports in the last year as in the first (more workers). */
const GROWTH = 0.5;

/** When report `index` was created (ms). Uses the first two draws of the report's PRNG. */
export function drawCreatedAt(rng: Rng, layout: Layout): number {
  const u = rng.next();
  const x = (-1 + Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2))) / GROWTH;
  const day =
    layout.firstDay +
    Math.min(layout.lastDay - layout.firstDay, Math.floor(x * (layout.lastDay - layout.firstDay + 1)));
  // Employers file during the day, mostly in office hours.
  const minute = rng.int(6 * 60 + 30, 22 * 60 - 1);
  return day * DAY_MS - MUSCAT_OFFSET_MS + minute * MIN_MS + (rng.next() < 0.5 ? 0 : 30_000);
}

export function reportRng(seed: number, index: number): Rng {
  return rngFor(seed, 2, index);
}

export type Forced =
  /** The first of two reports about one worker: rejected (over within weeks), long before the second. */
  | { kind: "earlier" }
  /** Fixed story (bench fixtures). */
  | {
      kind: "story";
      status: "submitted" | "approved" | "rejected" | "closed";
      createdAt: number;
      decisionDays: number;
    };

const REJECT_REASONS = [
  "evidence_insufficient",
  "declarations_not_met",
  "worker_still_employed",
  "duplicate_report",
  "other",
];
const APPROVE_REASONS = ["evidence_sufficient", "absence_confirmed"];

/**
 * Plans one report's whole story from its creation to `until`: the statuses it went through (with who and
 * when), its deposits, and any cancellation request, grievance and refund request, all consistent with the
 * rules: filed at least 7 days after the last day at work, a paid deposit for every report past payment, the
 * grievance within 60 days of approval, closed at the end of the 4-year legal period, a refund only of a
 * deposit held (never of a utilised one).
 */
export function planReport(layout: Layout, index: number, forced?: Forced): ReportPlan {
  const rng = reportRng(layout.options.seed, index);
  const drawn = drawCreatedAt(rng, layout);
  const createdAt = forced?.kind === "story" ? forced.createdAt : drawn;
  const end = (layout.lastDay + 1) * DAY_MS - MUSCAT_OFFSET_MS; // the generated history stops here
  const ageDays = (end - createdAt) / DAY_MS;

  const lastDayAtWork = addDays(muscatDateOf(createdAt), -rng.int(RULES.minDaysAfterLastDay, 45));
  const plan: ReportPlan = {
    index,
    status: "draft",
    createdAt,
    updatedAt: createdAt,
    lastDayAtWork,
    complete: true,
    submittedAt: null,
    decidedAt: null,
    approvedAt: null,
    events: [{ from: null, to: "draft", at: createdAt, by: "creator", reason: "draft_started" }],
    deposits: [],
    cancellation: null,
    grievance: null,
    refund: null,
    permit: "active",
    closeReason: null,
  };
  const move = (to: ReportStatus, at: number, by: Actor, reason: string | null) => {
    plan.events.push({ from: plan.status, to, at, by, reason });
    plan.status = to;
    plan.updatedAt = at;
  };

  // 1. Still a draft, or stuck before payment (recent ones are being written; old ones were abandoned).
  const r0 = rng.next();
  const recent = ageDays < 14;
  if (forced?.kind !== "story" && forced?.kind !== "earlier") {
    if (r0 < (recent ? 0.22 : 0.012)) {
      plan.complete = rng.next() < 0.5;
      if (!plan.complete) plan.lastDayAtWork = rng.next() < 0.5 ? null : plan.lastDayAtWork;
      return plan;
    }
  }
  const sentAt = createdAt + rng.int(4, 90) * MIN_MS;
  move("awaiting_payment", sentAt, "creator", null);
  const depositAt = sentAt + rng.int(1, 3) * MIN_MS;
  if (
    forced?.kind !== "story" &&
    forced?.kind !== "earlier" &&
    r0 >= (recent ? 0.22 : 0.012) &&
    r0 < (recent ? 0.3 : 0.018)
  ) {
    if (recent && rng.next() < 0.7) {
      plan.deposits.push(dep("pending", depositAt));
    } else if (recent) {
      plan.deposits.push({
        ...dep("failed", depositAt),
        failureReason: rng.pick(["card_declined", "insufficient_funds", "expired_card"]),
      });
    } else {
      // Abandoned long ago: the checkout session expired.
      plan.deposits.push({ ...dep("expired", depositAt), updatedAt: depositAt + DAY_MS });
    }
    return plan;
  }

  // 2. Paid (sometimes after a failed attempt): submitted, and the worker is told.
  let payAt = depositAt;
  if (rng.next() < 0.06) {
    plan.deposits.push({
      ...dep("failed", depositAt),
      failureReason: rng.pick(["card_declined", "insufficient_funds"]),
    });
    payAt = depositAt + rng.int(2, 30) * MIN_MS;
  }
  const paidAt = payAt + rng.int(1, 15) * MIN_MS;
  const deposit: DepositPlan = { ...dep("paid", payAt), paidAt, updatedAt: paidAt };
  plan.deposits.push(deposit);
  move("submitted", paidAt, "system", "payment_received");
  plan.submittedAt = paidAt;

  // 3. The reviewer's decision, a few working days later.
  const decisionDays =
    forced?.kind === "story"
      ? forced.decisionDays
      : rng.weighted([
          [1, 10],
          [2, 20],
          [3, 20],
          [4, 15],
          [5, 12],
          [7, 10],
          [10, 8],
          [15, 5],
        ] as const);
  const decidedAt = officeTime(rng, paidAt, decisionDays);
  const wantsStatus = forced?.kind === "story" ? forced.status : null;
  if (decidedAt >= end || wantsStatus === "submitted") return plan;
  plan.decidedAt = decidedAt;
  const reject = wantsStatus ? wantsStatus === "rejected" : forced?.kind === "earlier" || rng.next() < 0.07;
  if (reject) {
    move("rejected", decidedAt, "staff", rng.pick(REJECT_REASONS));
    // The deposit is asked back on the employer's behalf at once; finance pays it out within days.
    const refundedAt = officeTime(rng, decidedAt, rng.int(1, 6));
    if (refundedAt < end) {
      plan.refund = {
        status: "refunded",
        ground: "report_rejected",
        createdAt: decidedAt,
        decidedAt: refundedAt,
      };
      Object.assign(deposit, { status: "refunded", refundedAt, updatedAt: refundedAt });
    } else {
      plan.refund = { status: "submitted", ground: "report_rejected", createdAt: decidedAt, decidedAt: null };
    }
    return plan;
  }
  move("approved", decidedAt, "staff", rng.pick(APPROVE_REASONS));
  plan.approvedAt = decidedAt;
  plan.permit = "left_workplace";
  const dates = approvalDates(decidedAt);
  const grievanceEnds = muscatMidnight(dates.grievanceDeadline) + DAY_MS;
  const legalEnds = muscatMidnight(dates.legalPeriodEnds);

  /** A refund request for the deposit on `ground`, asked at `askedAt`; finance decides it within days. */
  const askRefund = (ground: RefundPlan["ground"], askedAt: number) => {
    if (askedAt >= end) return;
    const doneAt = officeTime(rng, askedAt, rng.int(2, 12));
    if (doneAt >= end) {
      // Still with finance: asked, or approved and waiting to be paid out.
      const approvedAt = officeTime(rng, askedAt, 1);
      plan.refund =
        approvedAt < end && rng.next() < 0.4
          ? { status: "approved", ground, createdAt: askedAt, decidedAt: approvedAt }
          : { status: "submitted", ground, createdAt: askedAt, decidedAt: null };
      return;
    }
    const r = rng.next();
    const status = r < 0.9 ? "refunded" : r < 0.97 ? "rejected" : "failed";
    plan.refund = { status, ground, createdAt: askedAt, decidedAt: doneAt };
    if (status === "refunded")
      Object.assign(deposit, { status: "refunded", refundedAt: doneAt, updatedAt: doneAt });
  };

  // 4. After approval: the employer may ask to cancel; the worker may object within 60 days.
  const story = forced?.kind === "story" ? forced.status : null;
  const r1 = rng.next();
  if (!story && r1 < 0.06) {
    const askedAt = officeTime(rng, decidedAt, rng.int(3, 40));
    const doneAt = officeTime(rng, askedAt, rng.int(2, 10));
    const reason = rng.pick(["worker_returned", "filed_by_mistake", "settled"] as const);
    if (askedAt < end) {
      const accept = rng.next() < 0.7;
      if (doneAt >= end) {
        plan.cancellation = {
          status: rng.next() < 0.5 ? "submitted" : "under_review",
          reason,
          createdAt: askedAt,
          decidedAt: null,
          reasonCode: null,
        };
      } else if (rng.next() < 0.08) {
        plan.cancellation = {
          status: "withdrawn",
          reason,
          createdAt: askedAt,
          decidedAt: doneAt,
          reasonCode: "withdrawn_by_employer",
        };
      } else if (accept) {
        plan.cancellation = {
          status: "accepted",
          reason,
          createdAt: askedAt,
          decidedAt: doneAt,
          reasonCode: reason,
        };
        move("cancelled", doneAt, "staff", "cancellation_accepted");
        plan.permit = "active";
        askRefund("cancellation_approved", officeTime(rng, doneAt, rng.int(1, 20)));
        return plan;
      } else {
        plan.cancellation = {
          status: "rejected",
          reason,
          createdAt: askedAt,
          decidedAt: doneAt,
          reasonCode: rng.pick(["not_substantiated", "worker_objects"]),
        };
      }
    }
  } else if (!story && r1 < 0.1) {
    const filedAt = decidedAt + rng.int(1, 58) * DAY_MS + rng.int(0, 600) * MIN_MS;
    const doneAt = officeTime(rng, filedAt, rng.int(5, 25));
    const grounds = rng.weighted([
      ["at_work", 3],
      ["salary_unpaid", 4],
      ["resignation_accepted", 1],
      ["on_leave", 1],
      ["other", 1],
    ] as const);
    if (filedAt < Math.min(end, grievanceEnds)) {
      if (doneAt >= end) {
        plan.grievance = {
          status: rng.next() < 0.5 ? "submitted" : "under_review",
          grounds,
          createdAt: filedAt,
          decidedAt: null,
          reasonCode: null,
        };
      } else if (rng.next() < 0.4) {
        plan.grievance = {
          status: "accepted",
          grounds,
          createdAt: filedAt,
          decidedAt: doneAt,
          reasonCode: grounds === "at_work" ? "worker_was_at_work" : "other",
        };
        move("cancelled", doneAt, "staff", "grievance_accepted");
        plan.permit = "active";
        askRefund("grievance_accepted", officeTime(rng, doneAt, rng.int(1, 20)));
        return plan;
      } else {
        plan.grievance = {
          status: "rejected",
          grounds,
          createdAt: filedAt,
          decidedAt: doneAt,
          reasonCode: rng.pick(["report_substantiated", "grievance_unsupported"]),
        };
      }
    }
  }
  if (story === "approved") return plan;

  // 5. The end of the story: deported (the deposit buys the ticket), left at own expense, or the legal period.
  const r2 = rng.next();
  if (story !== "closed" && r2 < 0.12 && !plan.cancellation?.status.match(/submitted|under_review/)) {
    const utilisedAt = officeTime(rng, decidedAt, rng.int(90, 700));
    const closedAt = officeTime(rng, utilisedAt, rng.int(1, 10));
    if (closedAt < end && !plan.grievance?.status.match(/submitted|under_review/)) {
      Object.assign(deposit, { status: "utilised", utilisedAt, updatedAt: utilisedAt });
      move("closed", closedAt, "staff", "worker_deported");
      plan.closeReason = "worker_deported";
    }
  } else if (story !== "closed" && r2 < 0.17) {
    const closedAt = officeTime(rng, decidedAt, rng.int(90, 900));
    if (
      closedAt < end &&
      !plan.cancellation?.status.match(/submitted|under_review/) &&
      !plan.grievance?.status.match(/submitted|under_review/)
    ) {
      move("closed", closedAt, "staff", "worker_left_country");
      plan.closeReason = "worker_left_country";
      plan.permit = "cancelled";
      askRefund("worker_left_country", officeTime(rng, closedAt, rng.int(1, 60)));
    }
  }
  if (plan.status === "approved" && legalEnds + 2 * HOUR_MS < end) {
    const closedAt = legalEnds + 2 * HOUR_MS;
    if (plan.cancellation && plan.cancellation.decidedAt === null) plan.cancellation = null;
    if (plan.grievance && plan.grievance.decidedAt === null) plan.grievance = null;
    move("closed", closedAt, "system", "legal_period_ended");
    plan.closeReason = "legal_period_ended";
    // Most employers claim the deposit back once the legal period is over (within the 9-year window).
    if (rng.next() < 0.6) askRefund("legal_period_ended", closedAt + rng.int(1, 400) * DAY_MS);
  }
  return plan;

  function dep(status: DepositPlan["status"], at: number): DepositPlan {
    return {
      status,
      createdAt: at,
      paidAt: null,
      refundedAt: null,
      utilisedAt: null,
      failureReason: null,
      updatedAt: at,
    };
  }
}

/** Whether a report's status holds the worker's one open report (the partial unique index). */
export function isOpen(status: ReportStatus): boolean {
  return status === "awaiting_payment" || status === "submitted" || status === "approved";
}
