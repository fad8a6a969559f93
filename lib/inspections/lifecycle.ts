import type { Tx } from "@/db";
import { inspectionReferrals } from "@/db/schema";
import { notifyEstablishment } from "@/lib/cases/parties";
import { bindLifecycle, transition, type Effect, type MoveInput } from "@/lib/lifecycle/transition";
import { RULES } from "@/lib/reports/settings";
import { suspendEstablishment } from "@/lib/suspensions/lifecycle";
import { muscatDate } from "@/lib/time";
import {
  referralMachine,
  type ReferralContext,
  type ReferralMove,
  type ReferralRow,
  type ReferralStatus,
} from "./states";

type ReferralEffect = Effect<ReferralRow, ReferralContext, ReferralMove>;

const entityOf = (row: ReferralRow) => ({ type: "inspection_referral", id: row.id });

/** One year (RULES.suspensionYears) from an instant, on the calendar. */
export function suspensionEnd(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + RULES.suspensionYears);
  return d;
}

const tellCompliant: ReferralEffect = async (tx, ev) => {
  await notifyEstablishment(
    tx,
    ev.after.establishmentId,
    {
      template: "employer.inspection-compliant.email",
      params: (est) => ({
        establishmentAr: est.nameAr,
        establishmentEn: est.nameEn,
        note: ev.after.outcomeNote,
      }),
    },
    entityOf(ev.after),
  );
};

/**
 * Non-compliant (Art. 4): the establishment's services in this system are suspended for one year from now
 * (lib/suspensions), and it is told until when and what that blocks.
 */
const suspend: ReferralEffect = async (tx, ev) => {
  const { until } = await suspendEstablishment(tx, {
    establishmentId: ev.after.establishmentId,
    referralId: ev.after.id,
    endsAt: suspensionEnd(ev.now),
    now: ev.now,
    actor: ev.input.actor,
  });
  await notifyEstablishment(
    tx,
    ev.after.establishmentId,
    {
      template: "employer.services-suspended",
      params: (est) => ({
        establishmentAr: est.nameAr,
        establishmentEn: est.nameEn,
        until: muscatDate(until),
        note: ev.after.outcomeNote ?? "",
      }),
    },
    entityOf(ev.after),
  );
};

export const referralLifecycle = bindLifecycle<ReferralStatus, ReferralMove, ReferralContext, ReferralRow>({
  machine: referralMachine,
  table: inspectionReferrals as never,
  history: "lifecycle_events",
  entityType: "inspection_referral",
  reportIdOf: () => null,
  effects: {
    compliant: [tellCompliant],
    non_compliant: [suspend],
  },
});

export function moveReferral(
  tx: Tx,
  move: ReferralMove,
  input: MoveInput<ReferralRow, ReferralContext>,
): Promise<ReferralRow> {
  return transition(tx, referralLifecycle, move, input);
}

/** The employer hears that the establishment was referred for inspection (issue 10 §12). */
export async function tellReferred(tx: Tx, row: ReferralRow): Promise<void> {
  await notifyEstablishment(
    tx,
    row.establishmentId,
    {
      template: "employer.inspection-referred.email",
      params: (est) => ({
        establishmentAr: est.nameAr,
        establishmentEn: est.nameEn,
        period: row.period,
        periodKey: row.periodKey,
        reportCount: row.reportCount,
      }),
    },
    entityOf(row),
  );
}
