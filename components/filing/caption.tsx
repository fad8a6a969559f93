import { Link } from "@/lib/i18n/navigation";

/** Above a step's heading: a back link, and which report (and worker) the page is about. */
export function StepCaption({
  backHref,
  backText,
  caption,
}: {
  backHref?: string;
  backText: string;
  caption?: string;
}) {
  return (
    <div className="mb-4">
      {backHref ? (
        <p className="mb-4">
          <Link href={backHref} className="text-ink underline">
            <span aria-hidden="true" className="me-1 inline-block rtl:rotate-180">
              ‹
            </span>
            {backText}
          </Link>
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
