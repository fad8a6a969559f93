"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { decideAction } from "@/lib/admin/actions";
import { DECISION_REASONS, NOTE_MAX, reasonField, type DecisionKind } from "@/lib/admin/decision-reasons";
import { idleState, type FormState } from "@/lib/forms";

type Lookup = (key: string) => string;
type Outcome = "approve" | "reject" | "accept";

/**
 * A refusal of the reason as such (`reason_invalid`, from the use case) names the field `reasonCode`: it
 * belongs to the list under the outcome that was chosen.
 */
function reasonErrorOnChosenList(state: FormState): FormState {
  const code = state.fieldErrors?.reasonCode;
  const chosen = state.values?.outcome;
  if (!code || !chosen) return state;
  const { reasonCode: _moved, ...rest } = state.fieldErrors!;
  void _moved;
  return { ...state, fieldErrors: { ...rest, [reasonField(chosen)]: code } };
}

/**
 * The reviewer's decision on one report, cancellation request or grievance: the outcome, a reason from the
 * list for that outcome (shown under the outcome once it is chosen — by CSS, so also without JavaScript; each
 * outcome's list is a field of its own, `reasonCode_<outcome>`, and the server reads the chosen one's), and
 * free text. Carries the version the reviewer saw, so a decision made meanwhile by someone else is reported
 * instead of overwritten. Every id is prefixed with the decision's own (`<kind>-<id>`): the case page shows
 * several of these forms at once, and a label must never point into another form.
 */
export function DecisionForm({
  kind,
  targetId,
  reportId,
  version,
  legend,
}: {
  kind: DecisionKind;
  targetId: string;
  reportId: string;
  version: number;
  /** The question, naming what is decided ("Your decision on the grievance of 3 May"). */
  legend: string;
}) {
  const t = useTranslations("adminDecisions.form");
  const reasons = useTranslations("adminDecisions.reasons") as unknown as Lookup;
  const locale = useLocale();
  const [sent, action, pending] = useActionState(decideAction, idleState);
  const state = reasonErrorOnChosenList(sent);
  const outcomes = Object.keys(DECISION_REASONS[kind]) as Outcome[];
  const lists = DECISION_REASONS[kind] as Record<string, readonly string[]>;
  const p = `${kind}-${targetId}`;
  const ids: Record<string, string> = {
    outcome: `${p}-outcome`,
    note: `${p}-note`,
    ...Object.fromEntries(outcomes.map((o) => [reasonField(o), `${p}-reason-${o}`])),
  };
  const { items, field, value } = useFormErrors(
    state,
    ["outcome", ...outcomes.map(reasonField), "note"],
    "adminDecisions.errors",
  );
  const chosen = value("outcome");
  const summary = items.map((i) => ({ ...i, field: i.field ? ids[i.field] : undefined }));

  return (
    <div data-testid={`decision-${kind}`}>
      <ErrorSummary items={summary} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="targetId" value={targetId} />
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="version" value={version} />
        <RadioGroup
          name="outcome"
          id={ids.outcome}
          legend={legend}
          hint={t("reasonHint")}
          error={field("outcome")}
          defaultValue={chosen}
          options={outcomes.map((o) => {
            const selectId = ids[reasonField(o)]!;
            const error = field(reasonField(o));
            return {
              value: o,
              label: t(`outcomes.${kind}.${o}` as "outcomes.report.approve"),
              conditional: (
                <div className={error ? "border-s-4 border-danger ps-3" : ""}>
                  <label htmlFor={selectId} className="mb-1 block font-semibold">
                    {t("reason")}
                  </label>
                  {error ? (
                    <p id={`${selectId}-error`} className="mb-2 font-semibold text-danger">
                      {error}
                    </p>
                  ) : null}
                  <select
                    id={selectId}
                    name={reasonField(o)}
                    defaultValue={value(reasonField(o))}
                    aria-describedby={error ? `${selectId}-error` : undefined}
                    aria-invalid={error ? true : undefined}
                    className="block w-full max-w-xl border-2 border-ink bg-white p-2"
                  >
                    <option value="">{t("choose")}</option>
                    {(lists[o] ?? []).map((code) => (
                      <option key={code} value={code}>
                        {reasons(code)}
                      </option>
                    ))}
                  </select>
                </div>
              ),
            };
          })}
        />
        <TextArea
          name="note"
          id={ids.note}
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
