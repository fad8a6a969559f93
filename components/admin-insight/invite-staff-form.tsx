"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { inviteStaffAction } from "@/lib/admin/staff-actions";
import { idleState } from "@/lib/forms";

const ROLES = ["reviewer", "finance", "supervisor"] as const;

export function InviteStaffForm() {
  const t = useTranslations("adminInsight.staff");
  const ta = useTranslations("admin");
  const locale = useLocale();
  const [state, action, pending] = useActionState(inviteStaffAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["name", "email", "role"],
    "adminInsight.staff.errors",
  );
  const roleError = field("role");
  return (
    <>
      <ErrorSummary items={items} />
      {state.notice === "invited" && state.data?.email ? (
        <Notice tone="success">{t("notices.invited", { email: state.data.email })}</Notice>
      ) : null}
      <form action={action} noValidate key={state.status === "success" ? state.data?.email : "form"}>
        <input type="hidden" name="locale" value={locale} />
        <TextField
          id="invite-name"
          name="name"
          label={t("inviteName")}
          error={field("name")}
          defaultValue={value("name")}
          autoComplete="off"
          dir="auto"
        />
        <TextField
          id="invite-email"
          name="email"
          type="email"
          label={t("inviteEmail")}
          error={field("email")}
          defaultValue={value("email")}
          autoComplete="off"
          dir="ltr"
          spellCheck={false}
        />
        <fieldset
          className={`mb-5 ${roleError ? "border-s-4 border-danger ps-3" : ""}`}
          aria-describedby={roleError ? "role-error" : undefined}
        >
          <legend className="mb-1 font-semibold">{t("inviteRole")}</legend>
          {roleError ? (
            <p id="role-error" className="mb-1 font-semibold text-danger">
              {roleError}
            </p>
          ) : null}
          {ROLES.map((r, i) => (
            <label key={r} className="mb-1 flex items-center gap-2">
              <input
                type="radio"
                name="role"
                value={r}
                id={i === 0 ? "role" : undefined}
                defaultChecked={(value("role") || "reviewer") === r}
                className="h-5 w-5"
              />
              {ta(`roles.${r}`)}
            </label>
          ))}
        </fieldset>
        <Button disabled={pending}>{t("invite")}</Button>
      </form>
    </>
  );
}
