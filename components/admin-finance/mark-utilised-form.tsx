"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { markUtilisedAction } from "@/lib/admin/finance-actions";
import { idleState } from "@/lib/forms";

export function MarkUtilisedForm({ depositId }: { depositId: string }) {
  const t = useTranslations("adminFinance");
  const te = useTranslations("adminFinance.errors");
  const locale = useLocale();
  const [state, action, pending] = useActionState(markUtilisedAction, idleState);
  const { items, field, value } = useFormErrors(state, ["ticketReference"], "adminFinance.errors");
  // Refusals of the deposit's state read as one sentence: "cannot be marked: <reason>".
  const summary = state.formError
    ? [{ message: t("deposit.notAllowed", { reason: te(state.formError as "deposit_refunded") }) }]
    : items;
  return (
    <>
      <ErrorSummary items={summary} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="depositId" value={depositId} />
        <TextField
          name="ticketReference"
          label={t("deposit.ticket")}
          hint={t("deposit.ticketHint")}
          error={field("ticketReference")}
          defaultValue={value("ticketReference")}
          dir="ltr"
          autoComplete="off"
        />
        <Button disabled={pending} variant="warning">
          {t("deposit.submit")}
        </Button>
      </form>
    </>
  );
}
