"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { idleState } from "@/lib/forms";
import { Link } from "@/lib/i18n/navigation";
import { requestRefundAction } from "@/lib/reports/tracking-actions";
import type { RefundGround } from "@/lib/reports/refund-grounds";

/** The grounds that hold, as computed by the system: one is sent as is, several are offered as a choice. */
export function RefundForm({
  reportId,
  grounds,
}: {
  reportId: string;
  grounds: { ground: RefundGround; text: string }[];
}) {
  const t = useTranslations("tracking.refund");
  const locale = useLocale();
  const [state, action, pending] = useActionState(requestRefundAction, idleState);
  const { items, field, value } = useFormErrors(state, ["ground"], "trackingErrors");
  const only = grounds.length === 1 ? grounds[0] : null;
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reportId" value={reportId} />
        {only ? (
          <input type="hidden" name="ground" value={only.ground} />
        ) : (
          <RadioGroup
            name="ground"
            legend={t("chooseGround")}
            hint={t("chooseGroundHint")}
            error={field("ground")}
            defaultValue={value("ground")}
            options={grounds.map((g) => ({
              value: g.ground,
              label: t(`groundNames.${g.ground}`),
              hint: g.text,
            }))}
          />
        )}
        <p className="mb-6 max-w-2xl">{t("whatNext")}</p>
        <div className="flex flex-wrap items-center gap-6">
          <Button disabled={pending}>{t("submit")}</Button>
          <Link href={`/employer/reports/${reportId}`} className="text-brand-800 underline">
            {t("cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}
