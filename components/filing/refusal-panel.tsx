import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { Refused } from "@/lib/reports/refusals";
import { formatRefusalParams } from "@/lib/reports/refusal-format";
import type { Locale } from "@/lib/i18n/routing";

/** A refusal shown on a page (not a form error): what stops the employer, and what to do instead. */
export async function RefusalPanel({
  refusal,
  locale,
  title,
  children,
}: {
  refusal: Omit<Refused, "ok">;
  locale: Locale;
  title: string;
  children?: ReactNode;
}) {
  const t = (await getTranslations("filing.errors")) as unknown as (
    key: string,
    params?: Record<string, string>,
  ) => string;
  return (
    <div
      role="alert"
      className="mb-8 border-s-8 border-danger bg-white p-4"
      data-testid="refusal"
      data-code={refusal.code}
    >
      <h2 className="mb-2 text-xl font-bold">{title}</h2>
      <p className="max-w-2xl">{t(refusal.code, formatRefusalParams(refusal.params, locale))}</p>
      {children}
    </div>
  );
}
