"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { startReviewAction } from "@/lib/admin/actions";
import { idleState } from "@/lib/forms";

/**
 * "Start review": the reviewer claims a cancellation request or a grievance (submitted → under_review), so the
 * queues and the case page show who is reviewing it. One button; a refusal (someone moved it meanwhile, or the
 * reviewer decided the report and so may not take its grievance) is shown above it.
 */
export function StartReviewForm({
  kind,
  targetId,
  reportId,
  version,
}: {
  kind: "cancellation" | "grievance";
  targetId: string;
  reportId: string;
  version: number;
}) {
  const t = useTranslations("adminDecisions.form");
  const locale = useLocale();
  const [state, action, pending] = useActionState(startReviewAction, idleState);
  const { items } = useFormErrors(state, [], "adminDecisions.errors");
  return (
    <div className="mb-4" data-testid={`start-review-${kind}`}>
      <ErrorSummary items={items} />
      <form action={action}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="version" value={version} />
        <Button variant="secondary" disabled={pending}>
          {t("review.start")}
        </Button>
      </form>
    </div>
  );
}
