"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { reopenAction } from "@/lib/admin/actions";
import { DECISION_REASONS, NOTE_MAX } from "@/lib/admin/decision-reasons";
import { idleState } from "@/lib/forms";

type Lookup = (key: string) => string;

/** A supervisor reopens the decision on a report: a reason from the list and an explanation, both required. */
export function ReopenForm({ reportId, version }: { reportId: string; version: number }) {
  const t = useTranslations("adminDecisions.form.reopen");
  const reasons = useTranslations("adminDecisions.reasons") as unknown as Lookup;
  const locale = useLocale();
  const [state, action, pending] = useActionState(reopenAction, idleState);
  const ids: Record<string, string> = { reasonCode: "reopen-reason", note: "reopen-note" };
  const { items, field, value } = useFormErrors(state, ["reasonCode", "note"], "adminDecisions.errors");
  const reasonError = field("reasonCode");
  return (
    <div data-testid="reopen-decision">
      <ErrorSummary items={items.map((i) => ({ ...i, field: i.field ? ids[i.field] : undefined }))} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="version" value={version} />
        <div className={`mb-6 ${reasonError ? "border-s-4 border-danger ps-3" : ""}`}>
          <label htmlFor={ids.reasonCode} className="mb-1 block font-semibold">
            {t("reason")}
          </label>
          {reasonError ? (
            <p id={`${ids.reasonCode}-error`} className="mb-2 font-semibold text-danger">
              {reasonError}
            </p>
          ) : null}
          <select
            id={ids.reasonCode}
            name="reasonCode"
            defaultValue={value("reasonCode")}
            aria-describedby={reasonError ? `${ids.reasonCode}-error` : undefined}
            aria-invalid={reasonError ? true : undefined}
            className="block w-full max-w-xl border-2 border-ink bg-white p-2"
          >
            <option value="">{t("choose")}</option>
            {DECISION_REASONS.reopen.reopen.map((code) => (
              <option key={code} value={code}>
                {reasons(code)}
              </option>
            ))}
          </select>
        </div>
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
        <Button variant="warning" disabled={pending}>
          {t("submit")}
        </Button>
      </form>
    </div>
  );
}
