"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { addFeeAction } from "@/lib/admin/finance-actions";
import { idleState } from "@/lib/forms";

export function FeeForm() {
  const t = useTranslations("adminFinance.fees");
  const locale = useLocale();
  const [state, action, pending] = useActionState(addFeeAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["nationality", "amount", "effectiveFrom"],
    "adminFinance.errors",
  );
  return (
    <>
      <ErrorSummary items={items} />
      {state.status === "success" ? (
        <Notice tone="success">{t("added", { nationality: state.data?.nationality ?? "" })}</Notice>
      ) : null}
      <form action={action} noValidate key={state.status === "success" ? state.data?.nationality : "form"}>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="nationality"
          label={t("nationalityLabel")}
          hint={t("nationalityHint")}
          error={field("nationality")}
          defaultValue={value("nationality")}
          dir="ltr"
          autoComplete="off"
          maxLength={2}
          inputWidth="max-w-24"
        />
        <TextField
          name="amount"
          label={t("amountLabel")}
          hint={t("amountHint")}
          error={field("amount")}
          defaultValue={value("amount")}
          dir="ltr"
          inputMode="decimal"
          autoComplete="off"
          inputWidth="max-w-48"
        />
        <TextField
          name="effectiveFrom"
          type="datetime-local"
          label={t("effectiveLabel")}
          hint={t("effectiveHint")}
          error={field("effectiveFrom")}
          defaultValue={value("effectiveFrom")}
          dir="ltr"
          inputWidth="max-w-72"
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}
