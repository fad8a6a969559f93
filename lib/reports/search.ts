import { parseReference } from "./reference";
import { toLatinDigits } from "@/lib/i18n/digits";

/**
 * What the employer typed in the search box, understood: a reference number (any spacing, lower case,
 * Arabic-Indic digits), digits (a civil ID or part of one), or a name in Arabic or Latin script.
 */
export type ReportSearch =
  | { kind: "reference"; reference: string }
  | { kind: "digits"; digits: string }
  | { kind: "name"; pattern: string };

/**
 * Folds the spellings people use interchangeably, so "احمد" finds "أحمد" and "Mohammed" finds "MOHAMMED":
 * hamza forms of alef to bare alef, alef maqsura to ya, ta marbuta to ha, tatweel and diacritics dropped,
 * Latin lower-cased. The same folding is applied to the stored names in SQL (NAME_FOLD_FROM/TO).
 */
export const NAME_FOLD_FROM = "أإآٱىة";
export const NAME_FOLD_TO = "اااايه";
export function foldName(s: string): string {
  let out = s.toLowerCase().replace(/[\u064B-\u0652\u0640]/g, "");
  for (let i = 0; i < NAME_FOLD_FROM.length; i++) out = out.split(NAME_FOLD_FROM[i]!).join(NAME_FOLD_TO[i]!);
  return out.replace(/\s+/g, " ").trim();
}

/** A LIKE pattern that matches the text anywhere, with LIKE's own wildcards escaped. */
function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function classifySearch(input: string | null | undefined): ReportSearch | null {
  const q = (input ?? "").trim().slice(0, 100);
  if (!q) return null;
  const reference = parseReference(q);
  if (reference) return { kind: "reference", reference };
  const compact = toLatinDigits(q).replace(/[\s-]+/g, "");
  if (/^\d+$/.test(compact)) return { kind: "digits", digits: compact.slice(0, 12) };
  const folded = foldName(q);
  if (folded.length < 2) return null;
  return { kind: "name", pattern: containsPattern(folded) };
}
