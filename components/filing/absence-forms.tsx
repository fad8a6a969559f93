"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { saveContactAction, saveLastDayAction, saveWorkplaceAction } from "@/lib/reports/filing-actions";
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

export function LastDayForm({ initial, ...common }: Common & { initial: string | null }) {
  const t = useTranslations("filing");
  const [state, action, pending] = useActionState(saveLastDayAction, idleState);
  const { items, field, value } = useFilingErrors(state, ["lastDay"]);
  const [y = "", m = "", d = ""] = initial ? initial.split("-").map((p) => String(Number(p))) : [];
  return (
    <>
      <ErrorSummary items={items} />
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
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}

export function WorkplaceForm({
  initial,
  governorates,
  ...common
}: Common & {
  initial: { workGovernorateCode: string; workAddress: string };
  governorates: { value: string; label: string }[];
}) {
  const t = useTranslations("filing");
  const [state, action, pending] = useActionState(saveWorkplaceAction, idleState);
  const { items, field, value } = useFilingErrors(state, ["workGovernorateCode", "workAddress"]);
  return (
    <>
      <ErrorSummary items={items} />
      <h1 className="mb-6 text-2xl font-bold sm:text-3xl">{t("workplace.title")}</h1>
      <form action={action} noValidate>
        <Hidden {...common} />
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
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}

export function ContactForm({ initial, ...common }: Common & { initial: string }) {
  const t = useTranslations("filing");
  const [state, action, pending] = useActionState(saveContactAction, idleState);
  const { items, field, value } = useFilingErrors(state, ["contactAttempts"]);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <Hidden {...common} />
        <TextArea
          name="contactAttempts"
          label={t("contact.title")}
          labelAsHeading
          hint={t("contact.hint")}
          error={field("contactAttempts")}
          defaultValue={value("contactAttempts", initial)}
          maxLength={2000}
        />
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}

export { Hidden as HiddenStepFields };
