"use client";

import { useLocale, useTranslations } from "next-intl";
import type { FormState } from "@/lib/forms";
import type { SummaryItem } from "./error-summary";

/** Translates a FormState's error keys into the summary's items and each field's message. */
export function useFormErrors(state: FormState, fieldOrder: readonly string[]) {
  const typed = useTranslations("errors");
  // Error codes arrive as data from the server, so they are looked up as plain strings.
  const t = typed as unknown as ((key: string, params?: Record<string, string>) => string) & { has: (key: string) => boolean };
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
    return code ? (t.has(code) ? t(code) : t("invalid")) : undefined;
  };
  const items: SummaryItem[] = [];
  if (state.formError) items.push({ message: t.has(state.formError) ? t(state.formError, params) : t("server") });
  const names = [...fieldOrder, ...Object.keys(state.fieldErrors ?? {}).filter((k) => !fieldOrder.includes(k))];
  for (const name of names) {
    const message = field(name);
    if (message) items.push({ field: fieldOrder.includes(name) ? name : undefined, message });
  }
  return { items, field, value: (name: string) => state.values?.[name] ?? "" };
}
