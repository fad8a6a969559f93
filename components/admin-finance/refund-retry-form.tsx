"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { retryRefundAction } from "@/lib/admin/finance-actions";
import { idleState } from "@/lib/forms";

export function RefundRetryForm({ refundRequestId }: { refundRequestId: string }) {
  const t = useTranslations("adminFinance");
  const locale = useLocale();
  const [state, action, pending] = useActionState(retryRefundAction, idleState);
  const { items } = useFormErrors(state, [], "adminFinance.errors");
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="refundRequestId" value={refundRequestId} />
        <Button disabled={pending} variant="secondary">
          {t("request.retry")}
        </Button>
      </form>
    </>
  );
}
