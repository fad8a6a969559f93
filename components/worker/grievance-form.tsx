"use client";

import { useActionState, type ReactNode } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { fileGrievanceAction } from "@/lib/grievances/actions";
import { GRIEVANCE_GROUND_VALUES, STATEMENT_LIMITS } from "@/lib/grievances/ground-values";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";
import { TextField } from "@/components/ui/text-field";

const FIELDS = ["grounds", "statement", "contactPhone", "attachments"] as const;

/**
 * The grievance form. A client component only for useActionState, which also works before the page's
 * JavaScript has loaded: the browser posts the form, and the server renders the returned state (errors and
 * everything typed) into the page. The heading comes in as a prop so that the error summary can sit above it.
 */
export function GrievanceForm({
  reportId,
  defaultPhone,
  heading,
  children,
}: {
  reportId: string;
  defaultPhone: string;
  heading: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations("worker");
  // Error codes arrive as data from the server, so they are looked up as plain strings.
  const te = useTranslations("workerErrors") as unknown as ((
    key: string,
    params?: Record<string, string>,
  ) => string) & {
    has: (key: string) => boolean;
  };
  const locale = useLocale();
  const [state, action, pending] = useActionState(fileGrievanceAction, idleState);
  const message = (code: string, params?: Record<string, string>) =>
    te.has(code) ? te(code, params) : te("invalid");
  const field = (name: string) => (state.fieldErrors?.[name] ? message(state.fieldErrors[name]) : undefined);
  const items: SummaryItem[] = [];
  if (state.formError)
    items.push({
      message: te.has(state.formError) ? te(state.formError, state.formErrorParams) : te("server"),
    });
  for (const name of FIELDS) {
    const m = field(name);
    if (m) items.push({ field: name, message: m });
  }
  const value = (name: string) => state.values?.[name];
  const groundsError = field("grounds");
  const statementError = field("statement");
  const attachmentsError = field("attachments");
  return (
    <>
      <ErrorSummary items={items} />
      {heading}
      {state.data?.filesAgain ? <p className="mb-4 font-semibold">{t("filesAgain")}</p> : null}
      {children}
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <fieldset
          className={`mb-6 ${groundsError ? "border-s-4 border-danger ps-3" : ""}`}
          aria-describedby={groundsError ? "grounds-error" : undefined}
        >
          <legend className="mb-2 text-xl font-bold">{t("grounds")}</legend>
          {groundsError ? (
            <p id="grounds-error" className="mb-2 font-semibold text-danger">
              {groundsError}
            </p>
          ) : null}
          <div className="space-y-3">
            {GRIEVANCE_GROUND_VALUES.map((g, i) => {
              const id = i === 0 ? "grounds" : `grounds-${g}`;
              return (
                <div key={g} className="flex items-start gap-3">
                  <input
                    type="radio"
                    id={id}
                    name="grounds"
                    value={g}
                    defaultChecked={value("grounds") === g}
                    aria-describedby={`${id}-hint`}
                    className="mt-1 size-6 shrink-0 accent-brand-600"
                  />
                  <label htmlFor={id}>
                    <span className="block font-semibold">{t(`groundNames.${g}`)}</span>
                    <span id={`${id}-hint`} className="block text-sm text-muted">
                      {t(`groundHints.${g}`)}
                    </span>
                  </label>
                </div>
              );
            })}
          </div>
        </fieldset>
        <div className={`mb-5 ${statementError ? "border-s-4 border-danger ps-3" : ""}`}>
          <label htmlFor="statement" className="mb-1 block font-semibold">
            {t("statement")}
          </label>
          <p id="statement-hint" className="mb-1 text-sm text-muted">
            {t("statementHint")}
          </p>
          {statementError ? (
            <p id="statement-error" className="mb-1 font-semibold text-danger">
              {statementError}
            </p>
          ) : null}
          <textarea
            id="statement"
            name="statement"
            rows={6}
            maxLength={STATEMENT_LIMITS.max + 200}
            defaultValue={value("statement")}
            aria-invalid={statementError ? true : undefined}
            aria-describedby={["statement-hint", statementError ? "statement-error" : ""]
              .filter(Boolean)
              .join(" ")}
            className={`block w-full max-w-2xl rounded-none border-2 ${statementError ? "border-danger" : "border-ink"} bg-white px-3 py-2 text-base`}
          />
        </div>
        <TextField
          name="contactPhone"
          type="tel"
          label={t("contactPhone")}
          hint={t("contactPhoneHint")}
          error={field("contactPhone")}
          defaultValue={value("contactPhone") ?? defaultPhone}
          autoComplete="tel"
          dir="ltr"
          className="max-w-xs"
        />
        <div className={`mb-6 ${attachmentsError ? "border-s-4 border-danger ps-3" : ""}`}>
          <label htmlFor="attachments" className="mb-1 block font-semibold">
            {t("attachments")}
          </label>
          <p id="attachments-hint" className="mb-1 text-sm text-muted">
            {t("attachmentsHint")}
          </p>
          {attachmentsError ? (
            <p id="attachments-error" className="mb-1 font-semibold text-danger">
              {attachmentsError}
            </p>
          ) : null}
          <input
            id="attachments"
            name="attachments"
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-describedby={["attachments-hint", attachmentsError ? "attachments-error" : ""]
              .filter(Boolean)
              .join(" ")}
            className="block w-full max-w-md text-base"
          />
        </div>
        <Button disabled={pending}>{t("submit")}</Button>
      </form>
    </>
  );
}
