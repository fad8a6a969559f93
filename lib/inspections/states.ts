import { inspectionReferrals } from "@/db/schema";
import { defineMachine } from "@/lib/lifecycle/machine";

export type ReferralRow = typeof inspectionReferrals.$inferSelect;
export type ReferralStatus = ReferralRow["status"];
export type ReferralMove = "compliant" | "non_compliant";
/** A referral's moves are decided on the referral itself (and the moment): no case of a single report. */
export type ReferralContext = { now: Date; referral: ReferralRow };

/**
 * Art. 4 of Ministerial Decision 270/2018: an establishment that submits 5 or more reports in a calendar month,
 * or 10 or more in a calendar year (Muscat), is referred for inspection; a supervisor records the outcome.
 * One referral per establishment and period (referrals_unique_period).
 */
export const referralMachine = defineMachine<ReferralStatus, ReferralMove, ReferralContext>({
  name: "inspection",
  states: ["open", "compliant", "non_compliant"],
  open: ["open"],
  create: {
    into: "open",
    by: ["system"],
    tells: ["employer"],
    when: "a report's submission brings the establishment to 5 reports in a calendar month or 10 in a year",
  },
  transitions: {
    compliant: {
      from: ["open"],
      to: "compliant",
      by: ["supervisor"],
      tells: ["employer"],
      when: "a supervisor records that the inspection found the establishment compliant",
    },
    non_compliant: {
      from: ["open"],
      to: "non_compliant",
      by: ["supervisor"],
      tells: ["employer"],
      when: "a supervisor records that the inspection found it non-compliant, with the inspector's note",
      consequences: [
        "the establishment's services in this system are suspended for one year: a suspension is created (or one in force that ends sooner is extended), and the employer is told what it blocks",
      ],
    },
  },
});
