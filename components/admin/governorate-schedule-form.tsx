"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { updateGovernorateScheduleAction } from "@/lib/governorates/actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";

type Props = { code: string; name: string; pilotFrom: string | null; mandatoryFrom: string | null };

/** One governorate's two rollout dates. Several of these share a page, so field ids carry the code. */
export function GovernorateScheduleForm({ code, name, pilotFrom, mandatoryFrom }: Props) {
  const t = useTranslations("adminSettings.governorates");
  const locale = useLocale();
  const [state, action, pending] = useActionState(updateGovernorateScheduleAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["pilotFrom", "mandatoryFrom"],
    "adminSettings.errors",
  );
  const id = (f: string) => `${code}-${f}`;
  const summary = items.map((i) => (i.field ? { ...i, field: id(i.field) } : i));
  // After an error: what was typed. Otherwise: what is saved (the page re-renders with it after a save).
  const shown = (f: "pilotFrom" | "mandatoryFrom", saved: string | null) =>
    state.status === "error" ? value(f) : (saved ?? "");
  return (
    <>
      <ErrorSummary items={summary} />
      {state.status === "success" && state.notice ? (
        <Notice tone="success">{t(state.notice === "saved" ? "saved" : "unchanged", { name })}</Notice>
      ) : null}
      <form
        action={action}
        noValidate
        className="grid grid-cols-2 gap-x-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,14rem)_auto] sm:items-end sm:gap-x-6"
      >
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="code" value={code} />
        <TextField
          id={id("pilotFrom")}
          name="pilotFrom"
          type="date"
          dir="ltr"
          label={t("pilotFrom")}
          error={field("pilotFrom")}
          defaultValue={shown("pilotFrom", pilotFrom)}
        />
        <TextField
          id={id("mandatoryFrom")}
          name="mandatoryFrom"
          type="date"
          dir="ltr"
          label={t("mandatoryFrom")}
          error={field("mandatoryFrom")}
          defaultValue={shown("mandatoryFrom", mandatoryFrom)}
        />
        <div className="col-span-2 mb-5 sm:col-span-1">
          <Button disabled={pending} aria-label={t("saveFor", { name })}>
            {t("save")}
          </Button>
        </div>
      </form>
    </>
  );
}
