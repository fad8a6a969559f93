import { Link } from "@/lib/i18n/navigation";

/**
 * Above a step's heading: a back link, which report (and worker) the page is about, and — on a report being
 * filed — the way to drop it (its confirmation page).
 */
export function StepCaption({
  backHref,
  backText,
  caption,
  discard,
}: {
  backHref?: string;
  backText: string;
  caption?: string;
  discard?: { href: string; text: string };
}) {
  return (
    <div className="mb-4">
      {backHref || discard ? (
        <p className="mb-4 flex flex-wrap justify-between gap-x-6 gap-y-2">
          {backHref ? (
            <Link href={backHref} className="text-ink underline">
              <span aria-hidden="true" className="me-1 inline-block rtl:rotate-180">
                ‹
              </span>
              {backText}
            </Link>
          ) : (
            <span />
          )}
          {discard ? (
            <Link href={discard.href} className="text-brand-800 underline" data-testid="discard-link">
              {discard.text}
            </Link>
          ) : null}
        </p>
      ) : null}
      {caption ? (
        <p className="text-lg text-muted" data-testid="report-caption">
          {caption}
        </p>
      ) : null}
    </div>
  );
}
