"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { staffCodeAction, staffPasswordAction } from "@/lib/auth/actions";
import { idleState, type FormState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";

function CodeStep({ start }: { start: FormState }) {
  const t = useTranslations("signIn");
  const locale = useLocale();
  const [state, action, pending] = useActionState(staffCodeAction, {
    ...start,
    status: "idle" as const,
    fieldErrors: undefined,
    formError: undefined,
  });
  const data = state.data ?? start.data ?? {};
  const { items, field } = useFormErrors(state, ["code"]);
  if (state.formError === "totp_expired") {
    return (
      <>
        <ErrorSummary items={items} />
        <a href="" className="underline">
          {t("startAgain")}
        </a>
      </>
    );
  }
  return (
    <>
      <ErrorSummary items={items} />
      {data.qr ? (
        <section aria-labelledby="enrol" className="mb-6">
          <h2 id="enrol" className="mb-2 text-xl font-bold">
            {t("enrolTitle")}
          </h2>
          <p className="mb-3 max-w-xl">{t("enrolLead")}</p>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={data.qr}
            alt={t("qrAlt")}
            width={220}
            height={220}
            className="mb-3 border border-gray-300"
          />
          <p className="text-sm">
            {t("enrolSecret")}{" "}
            <code dir="ltr" className="bg-gray-100 px-1 font-mono" data-testid="totp-secret">
              {data.secret}
            </code>
          </p>
        </section>
      ) : (
        <h2 className="mb-3 text-xl font-bold">{t("codeTitle")}</h2>
      )}
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="pending" value={data.pending ?? ""} />
        <TextField
          name="code"
          label={t("code")}
          hint={t("codeHint")}
          error={field("code")}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]*"
          maxLength={6}
          dir="ltr"
          className="max-w-40"
          autoFocus
        />
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}

/** Two steps: e-mail and password, then the authenticator code (with enrolment on the first sign-in). */
export function StaffSignInForm() {
  const t = useTranslations("signIn");
  const locale = useLocale();
  const [state, action, pending] = useActionState(staffPasswordAction, idleState);
  const { items, field, value } = useFormErrors(state, ["email", "password"]);
  if (state.status === "success" && state.data?.step === "code") return <CodeStep start={state} />;
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
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
        <Button disabled={pending}>{t("continue")}</Button>
      </form>
    </>
  );
}
