import type { ReactNode } from "react";

export type RadioOption = { value: string; label: ReactNode; hint?: ReactNode };

/**
 * A question answered by one choice: a fieldset whose legend is the question (as a page heading when asked
 * alone), each option with its hint, and the error wired to the group. The first radio carries the group's
 * id, so the error summary's link lands on it.
 */
export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  legendAsHeading = false,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: RadioOption[];
  defaultValue?: string;
  legendAsHeading?: boolean;
}) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = error ? `${name}-error` : undefined;
  return (
    <div className={`mb-6 ${error ? "border-s-4 border-danger ps-3" : ""}`}>
      <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend className={legendAsHeading ? "mb-2 text-xl font-bold" : "mb-2 font-semibold"}>
          {legend}
        </legend>
        {hint ? (
          <p id={hintId} className="mb-2 text-sm text-muted">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={errorId} className="mb-2 font-semibold text-danger">
            {error}
          </p>
        ) : null}
        <div className="space-y-3">
          {options.map((o, i) => {
            const id = i === 0 ? name : `${name}-${o.value}`;
            const optionHint = o.hint ? `${id}-item-hint` : undefined;
            return (
              <div key={o.value} className="flex items-start gap-3">
                <input
                  id={id}
                  type="radio"
                  name={name}
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  aria-describedby={optionHint}
                  className="mt-1 size-6 shrink-0 accent-brand-600"
                />
                <label htmlFor={id} className="cursor-pointer">
                  <span className="block">{o.label}</span>
                  {o.hint ? (
                    <span id={optionHint} className="block text-sm text-muted">
                      {o.hint}
                    </span>
                  ) : null}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
