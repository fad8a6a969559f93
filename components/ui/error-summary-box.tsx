"use client";

import { useEffect, useId, useRef } from "react";

export type SummaryItem = { field?: string; message: string };

/**
 * GOV.UK's error summary: above the heading, takes focus when it appears, links each problem to its field,
 * and prefixes the page title with "Error:" so screen-reader users hear it first. Its two texts come as props,
 * so a server-rendered page can use it without next-intl's client runtime (ErrorSummary reads them itself).
 */
export function ErrorSummaryBox({
  items,
  title,
  errorPrefix,
}: {
  items: SummaryItem[];
  title: string;
  errorPrefix: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // Unique per summary: a page with two forms may show two (every id on a page is used once).
  const titleId = `${useId()}-error-summary-title`;
  const key = items.map((i) => `${i.field}:${i.message}`).join("|");
  useEffect(() => {
    const base = document.title.startsWith(errorPrefix)
      ? document.title.slice(errorPrefix.length).trim()
      : document.title;
    if (items.length > 0) {
      document.title = `${errorPrefix} ${base}`;
      ref.current?.focus();
    } else {
      document.title = base;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (items.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      className="mb-6 border-4 border-danger p-4 focus:outline-none"
      data-testid="error-summary"
    >
      <h2 id={titleId} className="mb-2 text-lg font-bold">
        {title}
      </h2>
      <ul className="list-none space-y-1">
        {items.map((item) => (
          <li key={`${item.field}-${item.message}`}>
            {item.field ? (
              <a href={`#${item.field}`} className="font-semibold text-danger underline">
                {item.message}
              </a>
            ) : (
              <span className="font-semibold text-danger">{item.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
