"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { decideAction } from "@/lib/admin/actions";
import { DECISION_REASONS, NOTE_MAX, type DecisionKind } from "@/lib/admin/decision-reasons";
import { idleState } from "@/lib/forms";

type Lookup = (key: string) => string;

/**
 * The reviewer's decision on one report, cancellation request or grievance: the outcome, a reason from the
 * list for that outcome, and free text. Carries the version the reviewer saw, so a decision made meanwhile
 * by someone else is reported instead of overwritten.
 */
export function DecisionForm({
  kind,
  targetId,
  reportId,
  version,
}: {
  kind: DecisionKind;
  targetId: string;
  reportId: string;
  version: number;
}) {
  const t = useTranslations("adminDecisions.form");
  const reasons = useTranslations("adminDecisions.reasons") as unknown as Lookup;
  const locale = useLocale();
  const [state, action, pending] = useActionState(decideAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["outcome", "reasonCode", "note"],
    "adminDecisions.errors",
  );
  const outcomes = Object.keys(DECISION_REASONS[kind]) as ("approve" | "reject" | "accept")[];
  const lists = DECISION_REASONS[kind] as Record<string, readonly string[]>;
  const reasonError = field("reasonCode");
  return (
    <div data-testid={`decision-${kind}`}>
      <ErrorSummary
        items={items.map((i) => (i.field === "reasonCode" ? { ...i, field: `reasonCode-${kind}` } : i))}
      />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="version" value={version} />
        <RadioGroup
          name="outcome"
          legend={t("outcome")}
          error={field("outcome")}
          defaultValue={value("outcome")}
          options={outcomes.map((o) => ({
            value: o,
            label: t(`outcomes.${kind}.${o}` as "outcomes.report.approve"),
          }))}
        />
        <div className={`mb-6 ${reasonError ? "border-s-4 border-danger ps-3" : ""}`}>
          <label htmlFor={`reasonCode-${kind}`} className="mb-1 block font-semibold">
            {t("reason")}
          </label>
          <p id={`reasonCode-${kind}-hint`} className="mb-2 text-sm text-muted">
            {t("reasonHint")}
          </p>
          {reasonError ? (
            <p id={`reasonCode-${kind}-error`} className="mb-2 font-semibold text-danger">
              {reasonError}
            </p>
          ) : null}
          <select
            id={`reasonCode-${kind}`}
            name="reasonCode"
            defaultValue={value("reasonCode")}
            aria-describedby={[`reasonCode-${kind}-hint`, reasonError ? `reasonCode-${kind}-error` : null]
              .filter(Boolean)
              .join(" ")}
            className="block w-full max-w-xl border-2 border-ink bg-white p-2"
          >
            <option value="">{t("choose")}</option>
            {outcomes.map((o) => (
              <optgroup key={o} label={t(`outcomes.${kind}.${o}` as "outcomes.report.approve")}>
                {(lists[o] ?? []).map((code) => (
                  <option key={`${o}-${code}`} value={code}>
                    {reasons(code)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <TextArea
          name="note"
          label={t("note")}
          hint={t("noteHint")}
          error={field("note")}
          defaultValue={value("note")}
          maxLength={NOTE_MAX}
          rows={4}
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </div>
  );
}
