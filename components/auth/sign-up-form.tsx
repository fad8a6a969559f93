"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { signUpAction } from "@/lib/auth/actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";

export function SignUpForm() {
  const t = useTranslations("signUp");
  const locale = useLocale();
  const [state, action, pending] = useActionState(signUpAction, idleState);
  const { items, field, value } = useFormErrors(state, [
    "crNumber",
    "name",
    "email",
    "password",
    "passwordConfirm",
  ]);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="crNumber"
          label={t("crNumber")}
          hint={t("crHint")}
          error={field("crNumber")}
          defaultValue={value("crNumber")}
          inputMode="numeric"
          maxLength={7}
          dir="ltr"
          className="max-w-48"
        />
        <TextField
          name="name"
          label={t("name")}
          error={field("name")}
          defaultValue={value("name")}
          autoComplete="name"
        />
        <TextField
          name="email"
          type="email"
          label={t("email")}
          hint={t("emailHint")}
          error={field("email")}
          defaultValue={value("email")}
          autoComplete="email"
          dir="ltr"
          spellCheck={false}
        />
        <TextField
          name="password"
          type="password"
          label={t("password")}
          hint={t("passwordHint")}
          error={field("password")}
          autoComplete="new-password"
          dir="ltr"
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={t("passwordConfirm")}
          error={field("passwordConfirm")}
          autoComplete="new-password"
          dir="ltr"
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}
