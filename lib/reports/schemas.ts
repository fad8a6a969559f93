/**
 * The filing journey's form schemas. Every issue message is a key under `filing.errors` (see messages/filing).
 * Digits typed in Arabic-Indic form (٠-٩, ۰-۹) are accepted wherever digits are asked for.
 */
import { z } from "zod";
import { toLatinDigits } from "@/lib/i18n/digits";
import { DECLARATION_KEYS, DECLARATION_REASONS } from "./declarations";

const text = (missing: string) => z.string({ error: missing });

export const civilIdSchema = z.object({
  civilId: text("civil_id_required")
    .transform((v) => toLatinDigits(v).replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "civil_id_required" })
        .regex(/^\d{1,9}$/, { error: "civil_id_format" }),
    ),
});

export const workerChoiceSchema = z.object({
  workerId: z.uuid({ error: "worker_required" }),
});

/** A calendar date from three fields; the issue (if any) is reported on `lastDay` (the day field). */
export function dateFromParts(parts: {
  day?: string;
  month?: string;
  year?: string;
}): { ok: true; date: string } | { ok: false; code: string } {
  const [day, month, year] = [parts.day, parts.month, parts.year].map((v) => toLatinDigits(v ?? "").trim());
  if (!day && !month && !year) return { ok: false, code: "last_day_required" };
  if (!day || !month || !year) return { ok: false, code: "last_day_incomplete" };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
    return { ok: false, code: "last_day_invalid" };
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1950 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, code: "last_day_invalid" };
  }
  return { ok: true, date: `${String(y)}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

export const lastDaySchema = z
  .object({
    lastDayDay: z.string().optional(),
    lastDayMonth: z.string().optional(),
    lastDayYear: z.string().optional(),
  })
  .transform((v, ctx) => {
    const r = dateFromParts({ day: v.lastDayDay, month: v.lastDayMonth, year: v.lastDayYear });
    if (!r.ok) {
      ctx.addIssue({ code: "custom", path: ["lastDay"], message: r.code });
      return z.NEVER;
    }
    return { lastDayAtWork: r.date };
  });

export const workplaceSchema = z.object({
  workGovernorateCode: text("governorate_required").regex(/^[A-Z]{2}$/, { error: "governorate_required" }),
  workAddress: text("address_required")
    .trim()
    .min(1, { error: "address_required" })
    .min(5, { error: "address_too_short" })
    .max(500, { error: "address_too_long" }),
});

export const contactSchema = z.object({
  contactAttempts: text("contact_required")
    .trim()
    .min(1, { error: "contact_required" })
    .min(10, { error: "contact_too_short" })
    .max(2000, { error: "contact_too_long" }),
});

const yesNo = z.enum(["yes", "no"], { error: "decl_required" }).transform((v) => v === "yes");

/** The four Art. 2 declarations as yes/no answers (true: it applies, and the report is not permitted). */
export const declarationsSchema = z.object(
  Object.fromEntries(DECLARATION_KEYS.map((k) => [k, yesNo])) as Record<
    (typeof DECLARATION_KEYS)[number],
    typeof yesNo
  >,
);

/**
 * The absence page: the last day at work, the workplace and the contact attempts, every problem reported at
 * once (the date's on `lastDay`, the day box, even when another field is wrong too).
 */
export const absenceSchema = z
  .object({
    lastDayDay: z.string().optional(),
    lastDayMonth: z.string().optional(),
    lastDayYear: z.string().optional(),
    ...workplaceSchema.shape,
    ...contactSchema.shape,
  })
  .superRefine(
    (v, ctx) => {
      const part = (x: unknown) => (typeof x === "string" ? x : undefined);
      const r = dateFromParts({
        day: part(v.lastDayDay),
        month: part(v.lastDayMonth),
        year: part(v.lastDayYear),
      });
      if (!r.ok) ctx.addIssue({ code: "custom", path: ["lastDay"], message: r.code });
    },
    // Also when another field already failed: the person sees every problem of the page at once.
    { when: () => true },
  )
  .transform((v) => {
    const r = dateFromParts({ day: v.lastDayDay, month: v.lastDayMonth, year: v.lastDayYear });
    return {
      lastDayAtWork: r.ok ? r.date : "",
      workGovernorateCode: v.workGovernorateCode,
      workAddress: v.workAddress,
      contactAttempts: v.contactAttempts,
    };
  });

const confirmed = (key: (typeof DECLARATION_KEYS)[number]) =>
  z.literal("yes", { error: `confirm_${DECLARATION_REASONS[key]}` }).transform(() => false);

/**
 * The declarations as the statement made when sending the report (GOV.UK's "now send your application"): one
 * checkbox per Art. 2 ground, "I confirm that it does not apply". A box left unticked is an error on that box;
 * a ticked box is saved as the answer "no, it does not apply" (false).
 */
export const confirmationsSchema = z.object(
  Object.fromEntries(DECLARATION_KEYS.map((k) => [k, confirmed(k)])) as Record<
    (typeof DECLARATION_KEYS)[number],
    ReturnType<typeof confirmed>
  >,
);
