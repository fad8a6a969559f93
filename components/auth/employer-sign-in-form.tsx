"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { employerSignInAction } from "@/lib/auth/actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";

export function EmployerSignInForm({ next }: { next?: string }) {
  const t = useTranslations("signIn");
  const locale = useLocale();
  const [state, action, pending] = useActionState(employerSignInAction, idleState);
  const { items, field, value } = useFormErrors(state, ["email", "password"]);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextField
          name="email"
          type="email"
          autoComplete="username"
          dir="ltr"
          label={t("email")}
          error={field("email")}
          defaultValue={value("email")}
          spellCheck={false}
        />
        <TextField
          name="password"
          type="password"
          autoComplete="current-password"
          dir="ltr"
          label={t("password")}
          error={field("password")}
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}
