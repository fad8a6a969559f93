"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { recordExitAction } from "@/lib/exits/actions";
import type { WorkerExitKind } from "@/lib/exits/states";
import { idleState } from "@/lib/forms";

/**
 * Staff record how a reported worker's stay ended (issue 10 §6). Only the kinds this staff member may record
 * now are offered (lib/exits/queries.ts). Its fields are named exit… so that they never share an id with the
 * decision forms on the same case page.
 */
export function ExitForm({
  reportId,
  kinds,
  today,
}: {
  reportId: string;
  kinds: readonly WorkerExitKind[];
  /** YYYY-MM-DD in Muscat: the latest date the field accepts. */
  today: string;
}) {
  const t = useTranslations("adminDecisions.exit");
  const locale = useLocale();
  const [state, action, pending] = useActionState(recordExitAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["exitKind", "exitDate", "exitNote"],
    "adminDecisions.errors",
  );
  return (
    <div data-testid="exit-form">
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <RadioGroup
          name="exitKind"
          legend={t("kind")}
          error={field("exitKind")}
          defaultValue={value("exitKind") || (kinds.length === 1 ? kinds[0] : undefined)}
          options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`), hint: t(`kindHints.${k}`) }))}
        />
        <TextField
          name="exitDate"
          type="date"
          label={t("date")}
          hint={t("dateHint")}
          error={field("exitDate")}
          defaultValue={value("exitDate")}
          max={today}
          inputWidth="max-w-xs"
        />
        <TextArea
          name="exitNote"
          label={t("note")}
          hint={t("noteHint")}
          error={field("exitNote")}
          defaultValue={value("exitNote")}
          rows={3}
          maxLength={2000}
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </div>
  );
}
