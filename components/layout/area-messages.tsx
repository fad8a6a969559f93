import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { clientMessages, type ClientArea } from "@/lib/i18n/client-messages";

/** Hands the client components of one area of the site the messages they use, and no others. */
export async function AreaMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  return <NextIntlClientProvider messages={await clientMessages(area)}>{children}</NextIntlClientProvider>;
}
