"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { idleState } from "@/lib/forms";
import { liftSuspensionAction } from "@/lib/suspensions/actions";

/** A supervisor lifts an establishment's suspension before its end, with a reason (issue 10 §9). */
export function LiftSuspensionForm({
  suspensionId,
  referralId,
  version,
}: {
  suspensionId: string;
  referralId: string;
  version: number;
}) {
  const t = useTranslations("adminFinance.inspections.suspension");
  const locale = useLocale();
  const [state, action, pending] = useActionState(liftSuspensionAction, idleState);
  const { items, field, value } = useFormErrors(state, ["reason"], "adminFinance.errors");
  return (
    <div data-testid="lift-suspension">
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="suspensionId" value={suspensionId} />
        <input type="hidden" name="referralId" value={referralId} />
        <input type="hidden" name="version" value={version} />
        <TextArea
          name="reason"
          label={t("reason")}
          hint={t("reasonHint")}
          error={field("reason")}
          defaultValue={value("reason")}
          rows={3}
          maxLength={2000}
        />
        <Button variant="warning" disabled={pending}>
          {t("submit")}
        </Button>
      </form>
    </div>
  );
}
