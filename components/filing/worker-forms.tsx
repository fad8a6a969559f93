"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { findWorkerAction, startReportAction } from "@/lib/reports/filing-actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFilingErrors } from "./use-filing-errors";

/**
 * Screen 1: the worker's civil ID. Found, the worker's record is shown on the same page to confirm; a refusal
 * (not ours, not active, already reported...) is shown on the field.
 */
export function FindWorkerForm() {
  const t = useTranslations("filing.new");
  const locale = useLocale();
  const [state, action, pending] = useActionState(findWorkerAction, idleState);
  const { items, field, value } = useFilingErrors(state, ["civilId"]);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate data-testid="find-worker">
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="civilId"
          label={t("civilIdLabel")}
          hint={t("civilIdHint")}
          error={field("civilId")}
          defaultValue={value("civilId")}
          inputMode="numeric"
          autoComplete="off"
          dir="ltr"
          className="[&_input]:max-w-56"
        />
        <Button disabled={pending}>{t("find")}</Button>
      </form>
    </>
  );
}

/** Screen 1, confirmed: "Yes, start the report" (or continue the draft) for the worker on the card. */
export function StartReportForm({ workerId, label }: { workerId: string; label: string }) {
  const locale = useLocale();
  const [state, action, pending] = useActionState(startReportAction, idleState);
  const { items } = useFilingErrors(state, []);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} data-testid="start-report">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="workerId" value={workerId} />
        <Button disabled={pending}>{label}</Button>
      </form>
    </>
  );
}
