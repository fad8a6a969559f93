import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

function Messages({ name, hint, error }: { name: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={`${name}-hint`} className="mb-1 text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${name}-error`} className="mb-1 font-semibold text-danger">
          {error}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (name: string, hint?: ReactNode, error?: string) =>
  [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;

/**
 * A labelled text area. `heading` wraps the label in a heading (GOV.UK "label as heading"): h2 for one
 * question among several on a page.
 */
export function TextArea({
  name,
  label,
  heading,
  hint,
  error,
  defaultValue,
  ...rest
}: {
  name: string;
  label: string;
  heading?: "h2";
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "defaultValue">) {
  const labelEl = (
    <label
      htmlFor={name}
      className={heading ? "mb-2 block text-xl font-bold sm:text-2xl" : "mb-1 block font-semibold"}
    >
      {label}
    </label>
  );
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      {heading ? <h2>{labelEl}</h2> : labelEl}
      <Messages name={name} hint={hint} error={error} />
      <textarea
        id={name}
        name={name}
        defaultValue={defaultValue}
        rows={6}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`block w-full max-w-2xl rounded-none border-2 ${error ? "border-danger" : "border-ink"} bg-white px-3 py-2 text-base`}
        {...rest}
      />
    </div>
  );
}

export function Select({
  name,
  label,
  hint,
  error,
  defaultValue,
  options,
  placeholder,
  ...rest
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  defaultValue?: string;
  options: { value: string; label: string }[];
  placeholder: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "defaultValue">) {
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      <label htmlFor={name} className="mb-1 block font-semibold">
        {label}
      </label>
      <Messages name={name} hint={hint} error={error} />
      <select
        id={name}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        className={`block w-full max-w-md rounded-none border-2 ${error ? "border-danger" : "border-ink"} bg-white px-3 py-2 text-base`}
        {...rest}
      >
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * GOV.UK's date input: one fieldset, the question as its legend (a heading), three boxes for day,
 * month and year. `name` is the field errors are reported on; the boxes are `${name}Day` etc., and the first
 * one carries the id `name` so the error summary's link lands on it.
 */
export function DateInput({
  name,
  legend,
  hint,
  error,
  labels,
  values,
}: {
  name: string;
  legend: string;
  hint?: ReactNode;
  error?: string;
  labels: { day: string; month: string; year: string };
  values: { day: string; month: string; year: string };
}) {
  const box = (
    part: "Day" | "Month" | "Year",
    label: string,
    value: string,
    width: string,
    first: boolean,
  ) => (
    <div>
      <label htmlFor={first ? name : `${name}${part}`} className="mb-1 block">
        {label}
      </label>
      <input
        id={first ? name : `${name}${part}`}
        name={`${name}${part}`}
        defaultValue={value}
        inputMode="numeric"
        autoComplete="off"
        dir="ltr"
        maxLength={part === "Year" ? 4 : 2}
        aria-invalid={error ? true : undefined}
        className={`block ${width} rounded-none border-2 ${error ? "border-danger" : "border-ink"} bg-white px-2 py-2 text-center text-base`}
      />
    </div>
  );
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      <fieldset aria-describedby={describedBy(name, hint, error)}>
        <legend className="mb-2">
          <h2 className="text-xl font-bold sm:text-2xl">{legend}</h2>
        </legend>
        <Messages name={name} hint={hint} error={error} />
        <div className="flex gap-4">
          {box("Day", labels.day, values.day, "w-16", true)}
          {box("Month", labels.month, values.month, "w-16", false)}
          {box("Year", labels.year, values.year, "w-24", false)}
        </div>
      </fieldset>
    </div>
  );
}

/**
 * A statement to confirm: one checkbox whose label is the statement, with help text and its error (GOV.UK's
 * declaration). The checkbox carries the id `name`, so the error summary's link lands on it.
 */
export function Confirm({
  name,
  label,
  help,
  error,
  checked,
}: {
  name: string;
  label: string;
  help: string;
  error?: string;
  checked: boolean;
}) {
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      {error ? (
        <p id={`${name}-error`} className="mb-1 font-semibold text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          id={name}
          name={name}
          value="yes"
          defaultChecked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, help, error)}
          className="mt-1 size-6 shrink-0 accent-brand-700"
        />
        <div>
          <label htmlFor={name} className="block cursor-pointer text-lg font-semibold">
            {label}
          </label>
          <p id={`${name}-hint`} className="text-muted">
            {help}
          </p>
        </div>
      </div>
    </div>
  );
}
