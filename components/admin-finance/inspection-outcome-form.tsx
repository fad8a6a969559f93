"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { recordInspectionAction } from "@/lib/admin/finance-actions";
import { idleState } from "@/lib/forms";

/** One open referral's outcome. Several share a page, so the fields' ids carry the referral's id. */
export function InspectionOutcomeForm({ referralId }: { referralId: string }) {
  const t = useTranslations("adminFinance.inspections");
  const locale = useLocale();
  const [state, action, pending] = useActionState(recordInspectionAction, idleState);
  const { items, field, value } = useFormErrors(state, ["outcome", "note"], "adminFinance.errors");
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="referralId" value={referralId} />
        <RadioGroup
          name="outcome"
          legend={t("outcomeLegend")}
          error={field("outcome")}
          defaultValue={value("outcome")}
          options={[
            { value: "compliant", label: t("compliant") },
            { value: "non_compliant", label: t("nonCompliant") },
          ]}
        />
        <TextArea
          name="note"
          label={t("note")}
          hint={t("noteHint")}
          error={field("note")}
          defaultValue={value("note")}
          rows={3}
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}
