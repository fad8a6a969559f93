import type { CaseFacts } from "@/lib/cases/facts";

/** A case with just the facts a guard reads; everything else empty. */
export function caseOf(
  over: Partial<Omit<CaseFacts, "report">> & { report?: Partial<CaseFacts["report"]> } = {},
): CaseFacts {
  const { report, ...rest } = over;
  return {
    now: new Date("2026-12-05T08:00:00Z"),
    report: {
      id: "rep",
      status: "approved",
      approvedAt: new Date("2026-11-01T08:00:00Z"),
      grievanceDeadline: "2026-12-31",
      decidedBy: "r",
      ...report,
    } as CaseFacts["report"],
    worker: { id: "w", permitStatus: "left_workplace", establishmentId: "e", nationality: "IN" },
    establishment: { id: "e", governorateCode: "MA", servicesSuspendedUntil: null },
    governorate: {
      code: "MA",
      nameAr: "مسقط",
      nameEn: "Muscat",
      pilotFrom: "2016-12-13",
      mandatoryFrom: "2017-01-01",
    },
    suspension: null,
    deposit: null,
    cancellations: [],
    grievances: [],
    refunds: [],
    exits: [],
    cancelledByGrievance: false,
    otherOpenReport: false,
    evidence: [],
    ...rest,
  };
}
