"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { payDepositAction } from "@/lib/payments/actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";

/** The Pay button; a refusal (provider down, report changed) comes back as an error summary above it. */
export function PayForm({ reportId, amount }: { reportId: string; amount: string }) {
  const t = useTranslations("payments");
  // Error codes arrive as data from the server, so they are looked up as plain strings.
  const te = useTranslations("payments.errors") as unknown as ((key: string) => string) & {
    has: (key: string) => boolean;
  };
  const locale = useLocale();
  const [state, action, pending] = useActionState(payDepositAction, idleState);
  const code = state.formError;
  const items = code ? [{ message: te.has(code) ? te(code) : te("provider_error") }] : [];
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} className="no-print">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <Button disabled={pending} aria-describedby="pay-how" data-testid="pay-button">
          {pending ? t("pay.paying") : t("pay.submit", { amount })}
        </Button>
      </form>
    </>
  );
}
