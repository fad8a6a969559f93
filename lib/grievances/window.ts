import { RULES } from "@/lib/reports/settings";
import { addDays, muscatDate } from "@/lib/time";
import type { ReportStatus } from "@/lib/reports/states";

/**
 * Art. 11: the worker may object within 60 days of the report's approval. Day 1 is the day after the Muscat
 * calendar date of approval, so the last day is that date + 60, inclusive (until midnight in Muscat).
 */
export function grievanceDeadlineFor(approvedAt: Date): string {
  return addDays(muscatDate(approvedAt), RULES.grievanceWindowDays);
}

type ReportDates = { status: ReportStatus; approvedAt: Date | null; grievanceDeadline: string | null };

/** The last day (YYYY-MM-DD, Muscat) to file a grievance; null while the report is not approved yet. */
export function grievanceDeadlineOf(
  report: Pick<ReportDates, "approvedAt" | "grievanceDeadline">,
): string | null {
  if (report.grievanceDeadline) return report.grievanceDeadline;
  return report.approvedAt ? grievanceDeadlineFor(report.approvedAt) : null;
}

export type GrievanceWindow =
  /** Open; `deadline` null while the report awaits a decision ("until 60 days after approval"). */
  | { open: true; deadline: string | null }
  | { open: false; reason: "deadline_passed"; deadline: string }
  /** Rejected, cancelled or closed: the report no longer stands against the worker. */
  | { open: false; reason: "report_not_in_force" };

/** Open from submission until the deadline (inclusive, Muscat calendar), while the report stands. */
export function grievanceWindow(report: ReportDates, now: Date = new Date()): GrievanceWindow {
  if (report.status === "submitted") return { open: true, deadline: null };
  if (report.status !== "approved") return { open: false, reason: "report_not_in_force" };
  const deadline = grievanceDeadlineOf(report);
  if (!deadline) return { open: true, deadline: null };
  return muscatDate(now) <= deadline
    ? { open: true, deadline }
    : { open: false, reason: "deadline_passed", deadline };
}
