import type { InputHTMLAttributes } from "react";

type Props = {
  name: string;
  /** Defaults to `name`; give one when a page has several forms with the same field names. */
  id?: string;
  label: string;
  hint?: string;
  error?: string;
  defaultValue?: string;
  className?: string;
  /** The input's maximum width (a Tailwind class); default `max-w-md`. */
  inputWidth?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue" | "id">;

/** A labelled input with its hint and error wired to it for assistive technology. */
export function TextField({
  name,
  id = name,
  label,
  hint,
  error,
  defaultValue,
  className,
  inputWidth = "max-w-md",
  ...rest
}: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`mb-5 ${error ? "border-s-4 border-danger ps-3" : ""} ${className ?? ""}`}>
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
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`block w-full ${inputWidth} rounded-none border-2 ${error ? "border-danger" : "border-ink"} bg-white px-3 py-2 text-base`}
        {...rest}
      />
    </div>
  );
}
