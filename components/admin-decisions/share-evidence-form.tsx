"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { shareEvidenceAction } from "@/lib/admin/actions";
import { idleState } from "@/lib/forms";

/**
 * A reviewer shares chosen evidence files with one party: the employer's evidence with the worker (so that a
 * grievance can answer it), or a grievance's attachments with the employer. One checkbox per file not yet
 * shared with that party; every id carries the audience, so the page's two share forms never share an id.
 */
export function ShareEvidenceForm({
  reportId,
  audience,
  files,
}: {
  reportId: string;
  audience: "worker" | "employer";
  files: { id: string; label: string }[];
}) {
  const t = useTranslations("adminDecisions.form.share");
  const locale = useLocale();
  const [state, action, pending] = useActionState(shareEvidenceAction, idleState);
  const p = `share-${audience}`;
  const { items, field } = useFormErrors(state, ["fileIds"], "adminDecisions.errors");
  const error = field("fileIds");
  return (
    <div className="mb-6" data-testid={`share-${audience}`}>
      <ErrorSummary items={items.map((i) => (i.field ? { ...i, field: `${p}-${files[0]?.id}` } : i))} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        <input type="hidden" name="audience" value={audience} />
        <div className={`mb-4 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
          <fieldset aria-describedby={[`${p}-hint`, error ? `${p}-error` : null].filter(Boolean).join(" ")}>
            <legend className="mb-2 font-semibold">{t(`legend.${audience}`)}</legend>
            <p id={`${p}-hint`} className="mb-2 text-sm text-muted">
              {t(`hint.${audience}`)}
            </p>
            {error ? (
              <p id={`${p}-error`} className="mb-2 font-semibold text-danger">
                {error}
              </p>
            ) : null}
            <div className="space-y-2">
              {files.map((f) => (
                <div key={f.id} className="flex items-start gap-3">
                  <input
                    id={`${p}-${f.id}`}
                    type="checkbox"
                    name="fileIds"
                    value={f.id}
                    className="mt-1 size-6 shrink-0 accent-brand-600"
                  />
                  <label htmlFor={`${p}-${f.id}`} className="cursor-pointer break-all">
                    {f.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <Button variant="secondary" disabled={pending}>
          {t("submit")}
        </Button>
      </form>
    </div>
  );
}
