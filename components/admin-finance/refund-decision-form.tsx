"use client";

import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { RadioGroup } from "@/components/ui/radio-group";
import { TextArea } from "@/components/ui/text-area";
import { useFormErrors } from "@/components/ui/use-form-errors";
import { decideRefundAction } from "@/lib/admin/finance-actions";
import { REFUND_APPROVE_REASONS, REFUND_REJECT_REASONS } from "@/lib/admin/refunds/reasons";
import { idleState } from "@/lib/forms";

/** Approve (and so refund) or reject, with a reason from the list and a note; the reasons follow the choice. */
export function RefundDecisionForm({
  refundRequestId,
  version,
  amount,
}: {
  refundRequestId: string;
  version: number;
  amount: string;
}) {
  const t = useTranslations("adminFinance");
  const locale = useLocale();
  const [state, action, pending] = useActionState(decideRefundAction, idleState);
  const { items, field, value } = useFormErrors(
    state,
    ["decision", "reasonCode", "note"],
    "adminFinance.errors",
  );
  const [decision, setDecision] = useState(value("decision"));
  const reasons =
    decision === "approve" ? REFUND_APPROVE_REASONS : decision === "reject" ? REFUND_REJECT_REASONS : [];
  return (
    <>
      <ErrorSummary items={items} />
      <form action={action} noValidate>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="refundRequestId" value={refundRequestId} />
        <input type="hidden" name="version" value={version} />
        <div onChange={(e) => setDecision((e.target as HTMLInputElement).value)}>
          <RadioGroup
            name="decision"
            legend={t("request.decisionLegend")}
            error={field("decision")}
            defaultValue={value("decision")}
            options={[
              { value: "approve", label: t("request.approve", { amount }), hint: t("request.approveHint") },
              { value: "reject", label: t("request.reject") },
            ]}
          />
        </div>
        {reasons.length > 0 ? (
          <RadioGroup
            key={decision}
            name="reasonCode"
            legend={t("request.reasonLegend")}
            error={field("reasonCode")}
            defaultValue={value("reasonCode")}
            options={reasons.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
          />
        ) : null}
        <TextArea
          name="note"
          label={t("request.note")}
          hint={t("request.noteHint")}
          error={field("note")}
          defaultValue={value("note")}
          rows={3}
        />
        <Button disabled={pending}>{t("request.submit")}</Button>
      </form>
    </>
  );
}
