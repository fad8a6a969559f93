"use client";

import { useActionState, type ReactNode } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { continueToPaymentAction } from "@/lib/reports/filing-actions";
import {
  DECLARATION_KEYS,
  DECLARATION_REASONS,
  type DeclarationKey,
  type DeclarationReason,
} from "@/lib/reports/declarations";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Confirm } from "./fields";
import { useFilingErrors } from "./use-filing-errors";

/**
 * Screen 4, "check your answers": the answers (server-rendered, as `children`) and, at the foot, the statement
 * that sends the report (GOV.UK's "now send your application"): the four Art. 2 declarations as boxes to tick,
 * then "Confirm and continue to payment". The error summary stands above the heading, takes focus and links to
 * each unticked box; for each, the page says why the law then does not allow the report and what to do
 * instead.
 */
export function CheckForm({
  reportId,
  confirmed,
  canSend,
  children,
}: {
  reportId: string;
  /** The statements already made (saved as "no, it does not apply"). */
  confirmed: Record<DeclarationKey, boolean>;
  /** Nothing else blocks the report (else the page lists what does, and the statement is not offered yet). */
  canSend: boolean;
  children: ReactNode;
}) {
  const t = useTranslations("filing");
  const locale = useLocale();
  const [state, action, pending] = useActionState(continueToPaymentAction, idleState);
  const { items, field } = useFilingErrors(state, DECLARATION_KEYS);
  const checked = (k: DeclarationKey) =>
    state.status === "error" && state.values ? state.values[k] === "yes" : confirmed[k];
  const unconfirmed: DeclarationReason[] = DECLARATION_KEYS.filter((k) => field(k)).map(
    (k) => DECLARATION_REASONS[k],
  );
  return (
    <>
      <ErrorSummary items={items} />
      {children}
      {canSend ? (
        <section id="declarations" aria-labelledby="send-title" tabIndex={-1}>
          <h2 id="send-title" className="mb-2 text-xl font-bold sm:text-2xl">
            {t("check.sendTitle")}
          </h2>
          <p className="mb-6 max-w-2xl">{t("check.sendLead")}</p>
          {unconfirmed.length > 0 ? (
            <div
              className="mb-6 max-w-2xl border-s-8 border-danger bg-white p-4"
              data-testid="declarations-stop"
            >
              <h3 className="mb-2 text-lg font-bold">{t("declarations.stopTitle")}</h3>
              <ul className="list-disc space-y-2 ps-6">
                {unconfirmed.map((r) => (
                  <li key={r}>{t(`reasons.${r}`)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <form action={action} noValidate data-testid="send-form">
            <input type="hidden" name="locale" value={locale} />
            <input type="hidden" name="reportId" value={reportId} />
            <fieldset className="mb-4 max-w-2xl">
              <legend className="mb-4 text-lg font-bold">{t("declarations.legend")}</legend>
              {DECLARATION_KEYS.map((k) => (
                <Confirm
                  key={`${k}-${String(checked(k))}`}
                  name={k}
                  label={t(`declarations.statements.${k}.label`)}
                  help={t(`declarations.statements.${k}.help`)}
                  error={field(k)}
                  checked={checked(k)}
                />
              ))}
            </fieldset>
            <p className="mb-6 max-w-2xl">{t("check.sendText")}</p>
            <Button disabled={pending}>{t("check.continue")}</Button>
          </form>
        </section>
      ) : null}
    </>
  );
}
