"use client";

import { useActionState } from "react";
import { useTranslations } from "@/components/i18n/client";
import { saveDeclarationsAction } from "@/lib/reports/filing-actions";
import { DECLARATION_KEYS, type DeclarationKey } from "@/lib/reports/declarations";
import { idleState } from "@/lib/forms";
import { Link } from "@/lib/i18n/navigation";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { HiddenStepFields } from "./absence-forms";
import { YesNo } from "./fields";
import { useFilingErrors } from "./use-filing-errors";

type Reason =
  "dispute_before_absence" | "worker_left_country_known" | "on_legal_leave" | "resignation_accepted";

/**
 * Step 3: the four Art. 2 declarations. A "yes" stops the journey: the page says, for each, why the law does
 * not allow the report and what to do instead, and keeps the answers so a mistake can be corrected.
 */
export function DeclarationsForm({
  reportId,
  returnTo,
  initial,
  savedReasons,
}: {
  reportId: string;
  returnTo: string | null;
  initial: Record<DeclarationKey, boolean | null>;
  /** Reasons from answers already saved (when the employer comes back to the page). */
  savedReasons: Reason[];
}) {
  const t = useTranslations("filing");
  const [state, action, pending] = useActionState(saveDeclarationsAction, idleState);
  const { items, field, value } = useFilingErrors(state, [...DECLARATION_KEYS]);
  const stop =
    state.data?.stop !== undefined
      ? (state.data.stop.split(",").filter(Boolean) as Reason[])
      : state.status === "idle"
        ? savedReasons
        : [];
  const initialValue = (k: DeclarationKey) => (initial[k] === null ? "" : initial[k] ? "yes" : "no");
  return (
    <>
      <ErrorSummary items={items} />
      {stop.length > 0 ? (
        <div
          role="alert"
          tabIndex={-1}
          className="mb-8 border-4 border-danger p-4"
          data-testid="declarations-stop"
        >
          <h2 className="mb-2 text-xl font-bold">{t("declarations.stopTitle")}</h2>
          <p className="mb-3">{t("declarations.stopLead")}</p>
          <ul className="mb-3 list-disc space-y-2 ps-6">
            {stop.map((r) => (
              <li key={r}>{t(`reasons.${r}`)}</li>
            ))}
          </ul>
          <p className="mb-2">{t("declarations.stopChange")}</p>
          <Link href="/employer" className="text-brand-800 underline">
            {t("declarations.stopHome")}
          </Link>
        </div>
      ) : null}
      <h1 className="mb-3 text-2xl font-bold sm:text-3xl">{t("declarations.title")}</h1>
      <p className="mb-6 max-w-2xl">{t("declarations.lead")}</p>
      <form action={action} noValidate>
        <HiddenStepFields reportId={reportId} returnTo={returnTo} />
        {DECLARATION_KEYS.map((k) => (
          <YesNo
            key={`${k}-${state.values?.[k] ?? initialValue(k)}`}
            name={k}
            legend={t(`declarations.questions.${k}.question`)}
            help={t(`declarations.questions.${k}.help`)}
            error={field(k)}
            value={value(k, initialValue(k))}
            labels={{ yes: t("declarations.yes"), no: t("declarations.no") }}
          />
        ))}
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}
