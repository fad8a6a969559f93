"use client";

import { useLocale, useTranslations } from "@/components/i18n/client";
import type { FormState } from "@/lib/forms";
import type { SummaryItem } from "./error-summary";

type Lookup = ((key: string, params?: Record<string, string>) => string) & { has: (key: string) => boolean };

/**
 * Translates a FormState's error keys into the summary's items and each field's message. Codes are looked up
 * under `namespace` first when one is given (an area's own errors, e.g. "adminSettings.errors"), then under
 * the shared `errors`.
 */
export function useFormErrors(state: FormState, fieldOrder: readonly string[], namespace?: string) {
  // Error codes arrive as data from the server, so they are looked up as plain strings.
  const shared = useTranslations("errors") as unknown as Lookup;
  const all = useTranslations() as unknown as Lookup;
  const t = (code: string, params?: Record<string, string>): string | null => {
    if (namespace && all.has(`${namespace}.${code}`)) return all(`${namespace}.${code}`, params);
    return shared.has(code) ? shared(code, params) : null;
  };
  const locale = useLocale();
  const params: Record<string, string> = { ...(state.formErrorParams ?? {}) };
  if (params.time) {
    params.time = new Intl.DateTimeFormat(locale === "ar" ? "ar-OM-u-nu-arab" : "en-OM", {
      timeStyle: "short",
      timeZone: "Asia/Muscat",
    }).format(new Date(params.time));
  }
  const field = (name: string): string | undefined => {
    const code = state.fieldErrors?.[name];
    return code ? (t(code) ?? shared("invalid")) : undefined;
  };
  const items: SummaryItem[] = [];
  if (state.formError) items.push({ message: t(state.formError, params) ?? shared("server") });
  const names = [
    ...fieldOrder,
    ...Object.keys(state.fieldErrors ?? {}).filter((k) => !fieldOrder.includes(k)),
  ];
  for (const name of names) {
    const message = field(name);
    if (message) items.push({ field: fieldOrder.includes(name) ? name : undefined, message });
  }
  return { items, field, value: (name: string) => state.values?.[name] ?? "" };
}
