/**
 * Arabic-Indic (٠-٩, U+0660–0669) and Persian, or Eastern Arabic-Indic, (۰-۹, U+06F0–06F9) digits become 0-9.
 * People in Oman type either, depending on their keyboard: the one conversion every field that asks for
 * digits (ids, phones, dates, amounts, references, searches) runs before checking them.
 */
export function toLatinDigits(value: string): string {
  return value
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}
