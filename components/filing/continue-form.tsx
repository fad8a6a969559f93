"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { continueToPaymentAction } from "@/lib/reports/filing-actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useFilingErrors } from "./use-filing-errors";

/** "Continue to payment": prepareForPayment checks everything again and fixes the deposit. */
export function ContinueForm({ reportId }: { reportId: string }) {
  const t = useTranslations("filing.check");
  const locale = useLocale();
  const [state, action, pending] = useActionState(continueToPaymentAction, idleState);
  const { items } = useFilingErrors(state, []);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <Button disabled={pending}>{t("continue")}</Button>
      </form>
    </>
  );
}
