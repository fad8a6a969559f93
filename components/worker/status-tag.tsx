import { getTranslations } from "next-intl/server";
import type { ReportStatus } from "@/lib/reports/states";

const TONE: Record<ReportStatus, string> = {
  draft: "bg-gray-200 text-ink",
  awaiting_payment: "bg-gray-200 text-ink",
  submitted: "bg-yellow-200 text-ink",
  approved: "bg-danger text-white",
  rejected: "bg-brand-600 text-white",
  cancelled: "bg-brand-600 text-white",
  closed: "bg-gray-200 text-ink",
  expired: "bg-gray-200 text-ink",
  discarded: "bg-gray-200 text-ink",
};

type Visible = "submitted" | "approved" | "rejected" | "cancelled" | "closed";

/** The report's status in the worker's words: colour repeats the text, never replaces it. */
export async function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = await getTranslations("worker");
  const s = status as Visible;
  return (
    <span className={`inline-block px-2 py-0.5 font-semibold ${TONE[status]}`}>{t(`statuses.${s}`)}</span>
  );
}
