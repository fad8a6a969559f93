import type { ReactNode } from "react";

export type SummaryRow = { key: string; label: ReactNode; value: ReactNode };

/** GOV.UK's summary list: label and value side by side on wide screens, stacked on narrow ones. */
export function SummaryList({ rows, className }: { rows: SummaryRow[]; className?: string }) {
  return (
    <dl className={`mb-8 border-t border-gray-300 ${className ?? ""}`}>
      {rows.map((r) => (
        <div
          key={r.key}
          className="grid gap-1 border-b border-gray-300 py-3 sm:grid-cols-[minmax(10rem,16rem)_1fr] sm:gap-6"
        >
          <dt className="font-semibold">{r.label}</dt>
          <dd className="min-w-0 break-words">{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
