import type { TextareaHTMLAttributes } from "react";

type Props = {
  name: string;
  /** The element's id (default: the name); give one when the same field appears in two forms on a page. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue" | "id">;

/** A labelled textarea with its hint and error wired to it for assistive technology. */
export function TextArea({ name, id = name, label, hint, error, defaultValue, rows = 5, ...rest }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="mb-1 font-semibold text-danger">
          {error}
        </p>
      ) : null}
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`block w-full max-w-2xl border-2 ${error ? "border-danger" : "border-ink"} bg-white px-3 py-2 text-base`}
        dir="auto"
        {...rest}
      />
    </div>
  );
}
