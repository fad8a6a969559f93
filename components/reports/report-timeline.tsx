import { useLocale, useTranslations } from "next-intl";
import { formatDateTime, formatOmr } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";
import type { TimelineActor, TimelineEntry } from "@/lib/reports/queries";

type Lookup = ((key: string) => string) & { has: (key: string) => boolean };

/** The report's history, oldest first: what happened, when (Muscat time), who did it, and why. */
export function ReportTimeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useTranslations("tracking.timeline");
  const tc = useTranslations("tracking.cancel.reasons");
  const tg = useTranslations("tracking.refund.groundNames");
  // Reason codes are data written by other parts of the service: known ones are translated, others shown as is.
  const reasons = useTranslations("tracking.reasons") as unknown as Lookup;
  // A reviewer's decision reasons (lib/admin/decision-reasons.ts) are worded in the admin-decisions messages.
  const decisionReasons = useTranslations("adminDecisions.reasons") as unknown as Lookup;
  const locale = useLocale() as Locale;
  const reasonText = (code: string | null) =>
    code
      ? reasons.has(code)
        ? reasons(code)
        : decisionReasons.has(code)
          ? decisionReasons(code)
          : code
      : null;

  const actorText = (a: TimelineActor) => {
    switch (a.kind) {
      case "employer":
        return a.name
          ? t.rich("by.employer", { name: a.name, x: (chunks) => <bdi>{chunks}</bdi> })
          : t("by.establishment");
      case "staff":
        return t("by.staff");
      case "worker":
        return t("by.worker");
      case "system":
        return t("by.system");
    }
  };

  const describe = (e: TimelineEntry): { title: string; reason: string | null; note: string | null } => {
    switch (e.type) {
      case "status":
        return {
          title: e.from === null ? t("created") : t(`to.${e.to}`),
          reason: reasonText(e.reasonCode),
          note: e.note,
        };
      case "cancellation_requested":
        return {
          title: t("cancellationRequested", { reason: tc(e.reason as "settled") }),
          reason: null,
          note: e.explanation,
        };
      case "cancellation_closed":
        return {
          title: t(`cancellationClosed.${e.status}`),
          reason: e.status === "withdrawn" || e.reasonCode === "accepted" ? null : reasonText(e.reasonCode),
          note: e.note,
        };
      case "refund_requested":
        return {
          title: t("refundRequested", {
            amount: formatOmr(e.amountBaisa, locale),
            ground: tg(e.ground as "legal_period_ended"),
          }),
          reason: null,
          note: null,
        };
      case "refund_closed":
        return { title: t(`refundClosed.${e.status}`), reason: reasonText(e.reasonCode), note: e.note };
    }
  };

  return (
    <ol className="relative border-s-4 border-gray-300" data-testid="timeline">
      {entries.map((e) => {
        const d = describe(e);
        return (
          <li key={e.key} className="relative mb-5 ps-5">
            <span
              aria-hidden="true"
              className="absolute -start-[0.6rem] top-1.5 block size-4 rounded-full border-4 border-white bg-brand-600"
            />
            <p className="font-semibold">{d.title}</p>
            <p className="text-sm text-muted">
              <time dateTime={e.at.toISOString()}>{formatDateTime(e.at, locale)}</time> · {actorText(e.actor)}
            </p>
            {d.reason ? <p className="text-sm">{t("reason", { reason: d.reason })}</p> : null}
            {d.note ? (
              <p className="text-sm">
                {t.rich("note", { note: d.note, x: (chunks) => <bdi>{chunks}</bdi> })}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
