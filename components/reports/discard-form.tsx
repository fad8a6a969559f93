"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { idleState } from "@/lib/forms";
import { Link } from "@/lib/i18n/navigation";
import { discardReportAction } from "@/lib/reports/tracking-actions";

/** The confirmation step of discarding a report: one button, and the way back. A plain form: works without JS. */
export function DiscardForm({ reportId }: { reportId: string }) {
  const t = useTranslations("tracking.discard");
  const locale = useLocale();
  const [state, action, pending] = useActionState(discardReportAction, idleState);
  const { items } = useFormErrors(state, [], "trackingErrors");
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <div className="flex flex-wrap items-center gap-6">
          <Button variant="warning" disabled={pending} data-testid="discard-confirm">
            {t("submit")}
          </Button>
          <Link href={`/employer/reports/${reportId}`} className="text-brand-800 underline">
            {t("keep")}
          </Link>
        </div>
      </form>
    </>
  );
}
