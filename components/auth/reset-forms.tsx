"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { requestResetAction, resetPasswordAction } from "@/lib/auth/actions";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";

export function ResetRequestForm() {
  const t = useTranslations("reset");
  const ts = useTranslations("signIn");
  const locale = useLocale();
  const [state, action, pending] = useActionState(requestResetAction, idleState);
  const { items, field, value } = useFormErrors(state, ["email"]);
  return (
    <>
      <ErrorSummary items={items} />
      {state.notice === "reset_sent" ? <Notice tone="success">{t("sent")}</Notice> : null}
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          name="email"
          type="email"
          label={ts("email")}
          error={field("email")}
          defaultValue={value("email")}
          autoComplete="email"
          dir="ltr"
          spellCheck={false}
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const t = useTranslations("reset");
  const tu = useTranslations("signUp");
  const locale = useLocale();
  const [state, action, pending] = useActionState(resetPasswordAction, idleState);
  const { items, field } = useFormErrors(state, ["password", "passwordConfirm"]);
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          type="password"
          label={tu("password")}
          hint={tu("passwordHint")}
          error={field("password")}
          autoComplete="new-password"
          dir="ltr"
        />
        <TextField
          name="passwordConfirm"
          type="password"
          label={tu("passwordConfirm")}
          error={field("passwordConfirm")}
          autoComplete="new-password"
          dir="ltr"
        />
        <Button disabled={pending}>{t("newSubmit")}</Button>
      </form>
    </>
  );
}
