"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { acceptInvitationAction } from "@/lib/employers/actions";
import { idleState } from "@/lib/forms";

export function AcceptInvitationForm({ token }: { token: string }) {
  const t = useTranslations("invitation");
  const locale = useLocale();
  const [state, action, pending] = useActionState(acceptInvitationAction, idleState);
  const { items, field, value } = useFormErrors(state, ["name", "password", "passwordConfirm"], "teamErrors");
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="token" value={token} />
        <TextField
          name="name"
          label={t("name")}
          error={field("name")}
          defaultValue={value("name")}
          autoComplete="name"
          dir="auto"
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
