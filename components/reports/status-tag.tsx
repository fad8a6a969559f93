import { useTranslations } from "next-intl";
import { Tag, type TagTone } from "@/components/ui/tag";
import type { ReportStatus } from "@/lib/reports/states";

export const STATUS_TONE: Record<ReportStatus, TagTone> = {
  draft: "grey",
  awaiting_payment: "yellow",
  submitted: "blue",
  approved: "green",
  rejected: "red",
  cancelled: "purple",
  closed: "dark",
  expired: "grey",
  discarded: "grey",
};

export function StatusTag({ status }: { status: ReportStatus }) {
  const t = useTranslations("tracking.status");
  return (
    <Tag tone={STATUS_TONE[status]} className="status-tag">
      <span data-status={status}>{t(status)}</span>
    </Tag>
  );
}
