import { z } from "zod";
import { isCalendarDate } from "@/lib/time";
import { toLatinDigits } from "@/lib/i18n/digits";

export { isCalendarDate };

/** The rollout began in 2016; anything outside this range is a typing mistake, not a plan. */
export const SCHEDULE_DATE_MIN = "2016-01-01";
export const SCHEDULE_DATE_MAX = "2099-12-31";

/** An optional date field: empty means "not scheduled" (null). Messages are keys under `adminSettings.errors`. */
const scheduleDate = z
  .string()
  .trim()
  .transform(toLatinDigits)
  .refine((v) => v === "" || isCalendarDate(v), { error: "date_invalid", abort: true })
  .refine((v) => v === "" || (v >= SCHEDULE_DATE_MIN && v <= SCHEDULE_DATE_MAX), { error: "date_range" })
  .transform((v) => (v === "" ? null : v));

export const governorateScheduleSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, { error: "governorate_unknown" }),
    pilotFrom: scheduleDate,
    mandatoryFrom: scheduleDate,
  })
  .superRefine((v, ctx) => {
    if (v.pilotFrom && v.mandatoryFrom && v.pilotFrom > v.mandatoryFrom) {
      ctx.addIssue({ code: "custom", path: ["mandatoryFrom"], message: "date_order" });
    }
  });

export type GovernorateScheduleInput = z.input<typeof governorateScheduleSchema>;
export type GovernorateSchedule = z.output<typeof governorateScheduleSchema>;
