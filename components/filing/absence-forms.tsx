"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { saveAbsenceAction } from "@/lib/reports/filing-actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { DateInput, Select, TextArea } from "./fields";
import { useFilingErrors } from "./use-filing-errors";

type Common = { reportId: string; returnTo: string | null };

function Hidden({ reportId, returnTo }: Common) {
  const locale = useLocale();
  return (
    <>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="reportId" value={reportId} />
      {returnTo ? <input type="hidden" name="return" value={returnTo} /> : null}
    </>
  );
}

/** The order of the page's fields, and so of the error summary. */
const ABSENCE_FIELDS = ["lastDay", "workGovernorateCode", "workAddress", "contactAttempts"] as const;

/**
 * Screen 2: the absence on one page, under one heading: the last day at work (a date fieldset), where the
 * worker worked (a fieldset of governorate and address) and what was done to reach them. Every problem of the
 * page is listed at once in the error summary, each linked to its field.
 */
export function AbsenceForm({
  initial,
  governorates,
  ...common
}: Common & {
  initial: {
    lastDayAtWork: string | null;
    workGovernorateCode: string;
    workAddress: string;
    contactAttempts: string;
  };
  governorates: { value: string; label: string }[];
}) {
  const t = useTranslations("filing");
  const [state, action, pending] = useActionState(saveAbsenceAction, idleState);
  const { items, field, value } = useFilingErrors(state, ABSENCE_FIELDS);
  const [y = "", m = "", d = ""] = initial.lastDayAtWork
    ? initial.lastDayAtWork.split("-").map((p) => String(Number(p)))
    : [];
  return (
    <>
      <ErrorSummary items={items} />
      <h1 className="mb-3 text-2xl font-bold sm:text-3xl">{t("absence.title")}</h1>
      <p className="mb-8 max-w-2xl">{t("absence.lead")}</p>
      <form action={action} noValidate>
        <Hidden {...common} />
        <DateInput
          name="lastDay"
          legend={t("lastDay.title")}
          hint={
            <>
              {t("lastDay.hint")}
              <br />
              {t("lastDay.rule")}
            </>
          }
          error={field("lastDay")}
          labels={{ day: t("lastDay.day"), month: t("lastDay.month"), year: t("lastDay.year") }}
          values={{
            day: value("lastDayDay", d),
            month: value("lastDayMonth", m),
            year: value("lastDayYear", y),
          }}
        />
        <fieldset className="mb-6">
          <legend className="mb-2">
            <h2 className="text-xl font-bold sm:text-2xl">{t("workplace.title")}</h2>
          </legend>
          <Select
            name="workGovernorateCode"
            label={t("workplace.governorate")}
            placeholder={t("workplace.chooseGovernorate")}
            options={governorates}
            error={field("workGovernorateCode")}
            defaultValue={value("workGovernorateCode", initial.workGovernorateCode)}
          />
          <TextField
            name="workAddress"
            label={t("workplace.address")}
            hint={t("workplace.addressHint")}
            error={field("workAddress")}
            defaultValue={value("workAddress", initial.workAddress)}
            autoComplete="off"
            className="[&_input]:max-w-2xl"
          />
        </fieldset>
        <TextArea
          name="contactAttempts"
          label={t("contact.title")}
          heading="h2"
          hint={t("contact.hint")}
          error={field("contactAttempts")}
          defaultValue={value("contactAttempts", initial.contactAttempts)}
          maxLength={2000}
        />
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}

export { Hidden as HiddenStepFields };
