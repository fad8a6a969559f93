import { describe, expect, it } from "vitest";
import { grievanceDeadlineFor, grievanceDeadlineOf, grievanceWindow } from "@/lib/grievances/window";

/** 20:30 UTC on 20 November is 00:30 on 21 November in Muscat (UTC+4): the approval's date is the 21st. */
const APPROVED_AT = new Date("2026-11-20T20:30:00Z");

const approved = (extra: Partial<{ grievanceDeadline: string | null }> = {}) => ({
  status: "approved" as const,
  approvedAt: APPROVED_AT,
  grievanceDeadline: null,
  ...extra,
});

describe("grievance deadline (Art. 11: 60 days from approval, Muscat calendar)", () => {
  it("counts from the Muscat date of approval, not the UTC one", () => {
    // 21 Nov + 60 days = 20 Jan 2027 (from the UTC date, 20 Nov, it would wrongly be 19 Jan).
    expect(grievanceDeadlineFor(APPROVED_AT)).toBe("2027-01-20");
    expect(grievanceDeadlineFor(new Date("2026-11-20T19:59:59Z"))).toBe("2027-01-19");
  });

  it("is open on day 60, to Muscat midnight, and closed on day 61", () => {
    // Day 60 (20 Jan), at 23:59 Muscat = 19:59 UTC.
    expect(grievanceWindow(approved(), new Date("2027-01-20T19:59:59Z"))).toEqual({
      open: true,
      deadline: "2027-01-20",
    });
    // Day 61 starts at Muscat midnight = 20:00 UTC on the 20th.
    expect(grievanceWindow(approved(), new Date("2027-01-20T20:00:00Z"))).toEqual({
      open: false,
      reason: "deadline_passed",
      deadline: "2027-01-20",
    });
    expect(grievanceWindow(approved(), new Date("2027-01-21T08:00:00Z")).open).toBe(false);
  });

  it("uses the deadline stored on the report when there is one", () => {
    const r = approved({ grievanceDeadline: "2027-02-01" });
    expect(grievanceDeadlineOf(r)).toBe("2027-02-01");
    expect(grievanceWindow(r, new Date("2027-01-25T10:00:00Z"))).toEqual({
      open: true,
      deadline: "2027-02-01",
    });
  });

  it("is open from submission, before any approval, with no date yet", () => {
    const r = { status: "submitted" as const, approvedAt: null, grievanceDeadline: null };
    expect(grievanceDeadlineOf(r)).toBeNull();
    expect(grievanceWindow(r, new Date("2030-01-01T00:00:00Z"))).toEqual({ open: true, deadline: null });
  });

  it("is closed for a report that no longer stands", () => {
    for (const status of ["rejected", "cancelled", "closed"] as const) {
      expect(
        grievanceWindow(
          { status, approvedAt: APPROVED_AT, grievanceDeadline: null },
          new Date("2026-11-22T00:00:00Z"),
        ),
      ).toEqual({
        open: false,
        reason: "report_not_in_force",
      });
    }
  });
});
