import type { ReactNode } from "react";

export type RadioOption = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /**
   * More questions that belong to this choice only (GOV.UK's conditional reveal): shown while the option is
   * checked, by CSS alone, so it works before and without JavaScript.
   */
  conditional?: ReactNode;
};

/**
 * A question answered by one choice: a fieldset whose legend is the question (as a page heading when asked
 * alone), each option with its hint, and the error wired to the group. The first radio carries the group's
 * id, so the error summary's link lands on it. `id` (default: the name) prefixes every id the group makes:
 * two forms on one page that ask the same question pass ids of their own, so no id is used twice.
 */
export function RadioGroup({
  name,
  legend,
  hint,
  error,
  options,
  defaultValue,
  legendAsHeading = false,
  id = name,
}: {
  name: string;
  id?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: RadioOption[];
  defaultValue?: string;
  legendAsHeading?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
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
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            const optionHint = o.hint ? `${optionId}-item-hint` : undefined;
            return (
              <div key={o.value} className="flex flex-wrap items-start gap-x-3">
                <input
                  id={optionId}
                  type="radio"
                  name={name}
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  aria-describedby={optionHint}
                  className="peer mt-1 size-6 shrink-0 accent-brand-600"
                />
                <label htmlFor={optionId} className="min-w-0 flex-1 cursor-pointer">
                  <span className="block">{o.label}</span>
                  {o.hint ? (
                    <span id={optionHint} className="block text-sm text-muted">
                      {o.hint}
                    </span>
                  ) : null}
                </label>
                {o.conditional ? (
                  <div
                    className="mt-3 hidden basis-full border-s-4 border-gray-400 ps-5 ms-3 peer-checked:block"
                    data-conditional={o.value}
                  >
                    {o.conditional}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
