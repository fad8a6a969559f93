"use client";

import { useTranslations } from "@/components/i18n/client";
import { Button } from "@/components/ui/button";

export function PrintButton() {
  const t = useTranslations("payments.confirmation");
  return (
    <Button type="button" variant="secondary" className="no-print" onClick={() => window.print()}>
      {t("print")}
    </Button>
  );
}
