import { z } from "zod";
import { toLatinDigits } from "@/lib/i18n/digits";

/** A civil / resident card number as typed: digits (any script), spaces and dashes allowed between them. */
export function normaliseCivilId(input: string): string {
  return toLatinDigits(input).replace(/[\s\-\u200e\u200f]/g, "");
}

/** DOMAIN.md §6: digits, up to 9. */
export const CIVIL_ID_PATTERN = /^\d{1,9}$/;

export const civilIdField = z
  .string()
  .transform(normaliseCivilId)
  .pipe(
    z.string().min(1, { error: "civil_id_required" }).regex(CIVIL_ID_PATTERN, { error: "civil_id_format" }),
  );

export const workerCodeRequestSchema = z.object({ civilId: civilIdField });

export const workerCodeSchema = z.object({
  code: z
    .string()
    .transform((v) => toLatinDigits(v).replace(/\s/g, ""))
    .pipe(
      z
        .string()
        .min(1, { error: "code_required" })
        .regex(/^\d{6}$/, { error: "code_format" }),
    ),
});

/**
 * A contact number in E.164. Omani numbers: +968 and 8 digits, typed with or without the country code
 * (8 digits alone, 968…, 00968…, +968…). Foreign numbers must start with + or 00 and the country code.
 * Returns null when the number cannot be right.
 */
export function normalisePhone(input: string): string | null {
  let v = toLatinDigits(input).replace(/[\s\-().\u200e\u200f]/g, "");
  if (v.startsWith("00")) v = `+${v.slice(2)}`;
  if (/^\d{8}$/.test(v)) v = `+968${v}`;
  else if (/^968\d{8}$/.test(v)) v = `+${v}`;
  if (v.startsWith("+968")) return /^\+968[279]\d{7}$/.test(v) ? v : null;
  return /^\+[1-9]\d{7,14}$/.test(v) ? v : null;
}
