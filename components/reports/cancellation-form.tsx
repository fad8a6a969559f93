"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { idleState } from "@/lib/forms";
import { Link } from "@/lib/i18n/navigation";
import { requestCancellationAction } from "@/lib/reports/tracking-actions";

const REASONS = ["worker_returned", "filed_by_mistake", "settled"] as const;

export function CancellationForm({ reportId }: { reportId: string }) {
  const t = useTranslations("tracking.cancel");
  const locale = useLocale();
  const [state, action, pending] = useActionState(requestCancellationAction, idleState);
  const { items, field, value } = useFormErrors(state, ["reason", "explanation"], "trackingErrors");
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <RadioGroup
          name="reason"
          legend={t("reason")}
          legendAsHeading
          error={field("reason")}
          defaultValue={value("reason")}
          options={REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`), hint: t(`reasonHints.${r}`) }))}
        />
        <TextArea
          name="explanation"
          label={t("explanation")}
          hint={t("explanationHint")}
          error={field("explanation")}
          defaultValue={value("explanation")}
          maxLength={2000}
        />
        <p className="mb-6 max-w-2xl">{t("whatNext")}</p>
        <div className="flex flex-wrap items-center gap-6">
          <Button disabled={pending}>{t("submit")}</Button>
          <Link href={`/employer/reports/${reportId}`} className="text-brand-800 underline">
            {t("back")}
          </Link>
        </div>
      </form>
    </>
  );
}
