"use client";

import { useTranslations } from "@/components/i18n/client";
import type { FormState } from "@/lib/forms";
import type { SummaryItem } from "@/components/ui/error-summary";

type Lookup = ((key: string, params?: Record<string, string>) => string) & { has: (key: string) => boolean };

/**
 * Like `useFormErrors`, for the filing journey: codes are looked up under `filing.errors`, a refusal's
 * parameters (already formatted for the locale by the server) reach field messages too, and a field can have
 * a label that prefixes its line in the summary ("Municipality licence: the file is larger than 5 MB").
 */
export function useFilingErrors(
  state: FormState,
  fieldOrder: readonly string[],
  labels: Record<string, string> = {},
) {
  // Error codes arrive as data from the server, so they are looked up as plain strings.
  const t = useTranslations("filing.errors") as unknown as Lookup;
  const params = state.formErrorParams ?? {};
  const message = (code: string) => (t.has(code) ? t(code, params) : t("invalid"));
  const field = (name: string): string | undefined => {
    const code = state.fieldErrors?.[name];
    return code ? message(code) : undefined;
  };
  const items: SummaryItem[] = [];
  if (state.formError)
    items.push({ message: t.has(state.formError) ? t(state.formError, params) : t("server") });
  const names = [
    ...fieldOrder,
    ...Object.keys(state.fieldErrors ?? {}).filter((k) => !fieldOrder.includes(k)),
  ];
  for (const name of names) {
    const m = field(name);
    if (m)
      items.push({
        field: fieldOrder.includes(name) ? name : undefined,
        message: labels[name] ? `${labels[name]}: ${m}` : m,
      });
  }
  return { items, field, value: (name: string, fallback = "") => state.values?.[name] ?? fallback };
}
