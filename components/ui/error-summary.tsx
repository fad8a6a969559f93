"use client";

import { useTranslations } from "@/components/i18n/client";
import { ErrorSummaryBox, type SummaryItem } from "./error-summary-box";

export type { SummaryItem };

/** The error summary of a client form (inside a ClientMessages provider); see ErrorSummaryBox. */
export function ErrorSummary({ items }: { items: SummaryItem[] }) {
  const t = useTranslations();
  return (
    <ErrorSummaryBox items={items} title={t("form.errorSummaryTitle")} errorPrefix={t("meta.errorPrefix")} />
  );
}
