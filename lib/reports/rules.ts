/**
 * The filing rules of DOMAIN.md §2–§3 as pure functions: no database, no clock of their own (the caller passes
 * `now`), so each is tested at its edges. Dates are YYYY-MM-DD in the Muscat calendar; instants are Dates.
 */
import { efilingStateOn, stateSince, type Schedule } from "@/lib/governorates/state";
import { addDays, muscatDate } from "@/lib/time";
import {
  DECLARATION_KEYS,
  DECLARATION_REASONS,
  type DeclarationKey,
  type DeclarationReason,
} from "./declarations";
import { RULES } from "./settings";

// ---------------------------------------------------------------------------------------------------------
// When a report may be filed
// ---------------------------------------------------------------------------------------------------------

/**
 * The first Muscat calendar date on which a report may be filed: the last day at work plus
 * RULES.minDaysAfterLastDay days (last day the 1st → from the 8th). Counted in Asia/Muscat, never in UTC.
 */
export function earliestFilingDate(lastDayAtWork: string): string {
  return addDays(lastDayAtWork, RULES.minDaysAfterLastDay);
}

export type FilingDateCheck = { ok: true } | { ok: false; code: "too_early"; firstDate: string };

export function canFileOn(lastDayAtWork: string, now: Date): FilingDateCheck {
  const firstDate = earliestFilingDate(lastDayAtWork);
  return muscatDate(now) >= firstDate ? { ok: true } : { ok: false, code: "too_early", firstDate };
}

export type LastDayRefusal =
  | { code: "last_day_future" }
  | { code: "last_day_before_entry"; enteredOmanOn: string }
  | { code: "too_early"; firstDate: string };

/**
 * The last day at work must be a real day the worker could have worked here: not after today (Muscat), not
 * before the worker entered Oman; and the report must be at least RULES.minDaysAfterLastDay days after it.
 */
export function checkLastDayAtWork(
  lastDayAtWork: string,
  worker: { enteredOmanOn: string },
  now: Date,
): LastDayRefusal | null {
  const today = muscatDate(now);
  if (lastDayAtWork > today) return { code: "last_day_future" };
  if (lastDayAtWork < worker.enteredOmanOn)
    return { code: "last_day_before_entry", enteredOmanOn: worker.enteredOmanOn };
  const when = canFileOn(lastDayAtWork, now);
  return when.ok ? null : { code: "too_early", firstDate: when.firstDate };
}

// ---------------------------------------------------------------------------------------------------------
// The bank statement exemption
// ---------------------------------------------------------------------------------------------------------

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

/** Adds calendar months to a YYYY-MM-DD date; a day past the month's end becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month1));
  return `${String(year).padStart(4, "0")}-${String(month1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The absence begins the day after the last day at work. */
export function absenceStart(lastDayAtWork: string): string {
  return addDays(lastDayAtWork, 1);
}

/**
 * The bank statement of the last 3 months' salary is not needed when the worker entered Oman less than one
 * calendar month before the absence began: entered 15 October, absence from 14 November → exempt; absence
 * from 15 November (a full month) → the statement is needed.
 */
export function bankStatementExempt(enteredOmanOn: string, lastDayAtWork: string): boolean {
  return absenceStart(lastDayAtWork) < addMonths(enteredOmanOn, RULES.bankStatementExemptMonths);
}

// ---------------------------------------------------------------------------------------------------------
// Declarations (Art. 2)
// ---------------------------------------------------------------------------------------------------------

export {
  DECLARATION_KEYS,
  DECLARATION_REASONS,
  type DeclarationKey,
  type DeclarationReason,
} from "./declarations";

export type Declarations = Record<DeclarationKey, boolean | null>;

export type DeclarationsCheck = {
  /** Every declaration has an answer. */
  complete: boolean;
  /** One reason per "yes", in the order asked. Empty when the report is permitted. */
  reasons: DeclarationReason[];
};

export function checkDeclarations(d: Declarations): DeclarationsCheck {
  return {
    complete: DECLARATION_KEYS.every((k) => d[k] !== null && d[k] !== undefined),
    reasons: DECLARATION_KEYS.filter((k) => d[k] === true).map((k) => DECLARATION_REASONS[k]),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Who may file, for whom
// ---------------------------------------------------------------------------------------------------------

export type PermitStatus = "active" | "left_workplace" | "cancelled" | "transferred";

export type EstablishmentRefusal =
  | { code: "establishment_suspended"; until: Date }
  /** `liveFrom` is the date e-filing starts there, when scheduled. */
  | { code: "governorate_not_live"; governorateCode: string; liveFrom: string | null };

export type WorkerRefusal =
  | { code: "worker_not_found" }
  | { code: "permit_other_establishment" }
  | { code: "permit_not_active"; permitStatus: Exclude<PermitStatus, "active"> }
  /** `ownReference` only when the open report is this establishment's own (another's is not shown). */
  | { code: "open_report_exists"; ownReference: string | null };

export type EligibilityRefusal = EstablishmentRefusal | WorkerRefusal;

/**
 * Whether this establishment may file at all today: its ministry services are not suspended (Art. 4) and its
 * governorate is live for electronic filing (pilot or mandatory, DOMAIN.md §2).
 */
export function checkEstablishmentCanFile(
  establishment: { servicesSuspendedUntil: Date | null },
  governorate: Schedule & { code: string },
  now: Date,
): EstablishmentRefusal | null {
  if (establishment.servicesSuspendedUntil && establishment.servicesSuspendedUntil > now) {
    return { code: "establishment_suspended", until: establishment.servicesSuspendedUntil };
  }
  const today = muscatDate(now);
  if (efilingStateOn(governorate, today) === "not_live") {
    const next = stateSince(governorate, "not_live");
    return {
      code: "governorate_not_live",
      governorateCode: governorate.code,
      liveFrom: next && next > today ? next : null,
    };
  }
  return null;
}

export type EligibilityInput = {
  establishment: { id: string; servicesSuspendedUntil: Date | null };
  governorate: Schedule & { code: string };
  /** The registry's row for the civil ID, or null when there is none. */
  worker: { establishmentId: string | null; permitStatus: PermitStatus } | null;
  /** An open report (OPEN_REPORT_STATUSES) for this worker, by any establishment. */
  openReport: { establishmentId: string; reference: string } | null;
  now: Date;
};

/**
 * Whether this establishment may report this worker now. The establishment's own state is checked first (it
 * blocks every worker alike), then the permit, then the one-open-report rule.
 */
export function checkWorkerEligibility(input: EligibilityInput): EligibilityRefusal | null {
  const est = checkEstablishmentCanFile(input.establishment, input.governorate, input.now);
  if (est) return est;
  const { worker } = input;
  if (!worker) return { code: "worker_not_found" };
  if (worker.establishmentId !== input.establishment.id) return { code: "permit_other_establishment" };
  if (worker.permitStatus !== "active")
    return { code: "permit_not_active", permitStatus: worker.permitStatus };
  if (input.openReport) {
    const own = input.openReport.establishmentId === input.establishment.id;
    return { code: "open_report_exists", ownReference: own ? input.openReport.reference : null };
  }
  return null;
}
