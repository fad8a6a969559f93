import type { ReactNode } from "react";
import { Link } from "@/lib/i18n/navigation";

export type SummaryRow = {
  key: string;
  label: string;
  value: ReactNode;
  /** A "Change" link, with words for screen readers saying what it changes. */
  change?: { href: string; text: string; hidden: string };
};

/** GOV.UK's summary list: a term, its answer, and a Change link on each row. */
export function SummaryList({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="mb-8 border-t border-gray-300">
      {rows.map((r) => (
        <div
          key={r.key}
          className="grid gap-x-6 border-b border-gray-300 py-3 sm:grid-cols-[14rem_1fr_auto]"
          data-testid={`row-${r.key}`}
        >
          <dt className="font-semibold">{r.label}</dt>
          <dd className="whitespace-pre-line break-words">{r.value}</dd>
          <dd className="sm:text-end">
            {r.change ? (
              <Link href={r.change.href} className="text-brand-800 underline">
                {r.change.text}
                <span className="sr-only"> {r.change.hidden}</span>
              </Link>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
