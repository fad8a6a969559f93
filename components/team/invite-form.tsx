"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { inviteOfficerAction } from "@/lib/employers/actions";
import { idleState } from "@/lib/forms";

export function InviteForm() {
  const t = useTranslations("team");
  const locale = useLocale();
  const [state, action, pending] = useActionState(inviteOfficerAction, idleState);
  const { items, field, value } = useFormErrors(state, ["email"], "teamErrors");
  return (
    <>
      <ErrorSummary items={items} />
      {state.notice === "invited" && state.data?.email ? (
        <Notice tone="success">{t("invited", { email: state.data.email })}</Notice>
      ) : null}
      {/* A new key after each invitation empties the field for the next one. */}
      <form action={action} noValidate key={state.status === "success" ? state.data?.email : "form"}>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="email"
          type="email"
          label={t("email")}
          hint={t("emailHint")}
          error={field("email")}
          defaultValue={value("email")}
          autoComplete="off"
          dir="ltr"
          spellCheck={false}
        />
        <Button disabled={pending}>{t("invite")}</Button>
      </form>
    </>
  );
}
