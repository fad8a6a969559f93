"use client";

import { useActionState, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { evidenceAction } from "@/lib/reports/filing-actions";
import type { EmployerEvidenceKind } from "@/lib/reports/review";
import { RULES } from "@/lib/reports/settings";
import { idleState } from "@/lib/forms";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryItem } from "@/components/ui/error-summary";
import { Notice } from "@/components/ui/notice";
import { HiddenStepFields } from "./absence-forms";
import { useFilingErrors } from "./use-filing-errors";

export type EvidenceSlot = {
  kind: EmployerEvidenceKind;
  /** Already uploaded, if any. */
  file: { id: string; name: string; size: string; href: string } | null;
  /** Not needed (bank statement, worker exempt): the sentence that says why. */
  notNeeded: string | null;
  hint: string;
};

/**
 * Step 4: the three documents in one multipart form. Files are checked again on the server (content, size);
 * the size check here only saves a long upload that would be refused anyway.
 */
export function EvidenceForm({
  reportId,
  returnTo,
  slots,
}: {
  reportId: string;
  returnTo: string | null;
  slots: EvidenceSlot[];
}) {
  const t = useTranslations("filing");
  const locale = useLocale();
  const [state, action, pending] = useActionState(evidenceAction, idleState);
  const labels = Object.fromEntries(slots.map((s) => [s.kind, t(`evidence.kinds.${s.kind}.label`)]));
  const { items, field } = useFilingErrors(
    state,
    slots.map((s) => s.kind),
    labels,
  );
  const [clientErrors, setClientErrors] = useState<SummaryItem[]>([]);

  function checkSizes(e: FormEvent<HTMLFormElement>) {
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "remove") return;
    const tooLarge: SummaryItem[] = [];
    for (const s of slots) {
      const input = e.currentTarget.elements.namedItem(s.kind) as HTMLInputElement | null;
      const f = input?.files?.[0];
      if (f && f.size > RULES.maxUploadBytes)
        tooLarge.push({
          field: s.kind,
          message: t("evidence.tooLargeClient", { document: labels[s.kind] ?? s.kind }),
        });
    }
    setClientErrors(tooLarge);
    if (tooLarge.length > 0) e.preventDefault();
  }

  return (
    <>
      <ErrorSummary items={clientErrors.length > 0 ? clientErrors : items} />
      {state.notice === "removed" ? <Notice tone="success">{t("evidence.removed")}</Notice> : null}
      <h1 className="mb-3 text-2xl font-bold sm:text-3xl">{t("evidence.title")}</h1>
      <p className="mb-6 max-w-2xl">{t("evidence.lead")}</p>
      <form action={action} onSubmit={checkSizes} noValidate encType="multipart/form-data">
        <HiddenStepFields reportId={reportId} returnTo={returnTo} />
        {slots.map((s) => {
          const error = field(s.kind);
          return (
            <div
              key={s.kind}
              className={`mb-8 ${error ? "border-s-4 border-danger ps-3" : ""}`}
              data-testid={`evidence-${s.kind}`}
            >
              <h2 className="mb-1 text-lg font-bold">
                {s.notNeeded ? labels[s.kind] : <label htmlFor={s.kind}>{labels[s.kind]}</label>}
              </h2>
              {s.notNeeded ? (
                <p className="border-s-4 border-brand-600 bg-brand-50 p-3">
                  <strong className="me-2">{t("evidence.notNeeded")}.</strong>
                  {s.notNeeded}
                </p>
              ) : (
                <>
                  <p id={`${s.kind}-hint`} className="mb-2 text-muted">
                    {s.hint}
                  </p>
                  {s.file ? (
                    <div
                      className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 bg-gray-100 p-3"
                      data-testid={`uploaded-${s.kind}`}
                    >
                      <span className="font-semibold text-brand-700">✓ {t("evidence.uploaded")}:</span>
                      <bdi className="break-all">{s.file.name}</bdi>
                      <span className="text-sm text-muted" dir="ltr">
                        {s.file.size}
                      </span>
                      <a
                        href={s.file.href}
                        target="_blank"
                        rel="noopener"
                        className="text-brand-800 underline"
                      >
                        {t("evidence.view")}
                        <span className="sr-only"> {s.file.name}</span>
                      </a>
                      <button
                        type="submit"
                        name="remove"
                        value={s.file.id}
                        formNoValidate
                        className="text-danger underline"
                      >
                        {t("evidence.remove")}
                        <span className="sr-only"> {s.file.name}</span>
                      </button>
                    </div>
                  ) : null}
                  {error ? (
                    <p id={`${s.kind}-error`} className="mb-1 font-semibold text-danger">
                      {error}
                    </p>
                  ) : null}
                  {s.file ? <p className="mb-1 text-sm">{t("evidence.replace")}</p> : null}
                  <input
                    key={state.data?.attempt ?? "first"}
                    type="file"
                    id={s.kind}
                    name={s.kind}
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    aria-describedby={[`${s.kind}-hint`, error ? `${s.kind}-error` : null]
                      .filter(Boolean)
                      .join(" ")}
                    aria-invalid={error ? true : undefined}
                    lang={locale}
                    className="block w-full max-w-md border-2 border-ink bg-white p-2 file:me-3 file:border-0 file:bg-gray-200 file:px-3 file:py-1"
                  />
                </>
              )}
            </div>
          );
        })}
        <Button disabled={pending}>{t("saveAndContinue")}</Button>
      </form>
    </>
  );
}
