/**
 * Reference numbers people read aloud and type: WA-YYYY-NNNNNC. NNNNN is a sequence number (5 digits or more)
 * and C a Damm check digit, which catches every single wrong digit and every swap of two adjacent digits.
 */
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
] as const;
import { toLatinDigits } from "@/lib/i18n/digits";

export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]![Number(ch)]!;
  return interim;
}

export function formatReference(year: number, sequence: number): string {
  const body = String(sequence).padStart(5, "0");
  return `WA-${year}-${body}${dammDigit(`${year}${body}`)}`;
}

/** Normalises what a person typed (spaces, lower case, Arabic-Indic digits) and checks the check digit. */
export function parseReference(input: string): string | null {
  const latin = toLatinDigits(input);
  const m = /^WA-?(\d{4})-?(\d{6,})$/.exec(latin.trim().toUpperCase().replace(/\s+/g, ""));
  if (!m) return null;
  const [, year, digits] = m as unknown as [string, string, string];
  if (dammDigit(`${year}${digits}`) !== 0) return null;
  return `WA-${year}-${digits}`;
}
