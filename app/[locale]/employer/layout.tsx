import type { ReactNode } from "react";
import { requireEmployerPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";
import { ClientMessages } from "@/components/i18n/client-messages";

/** Every page under /employer is for employer users; each page and action checks again for itself. */
export default async function EmployerLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  await requireEmployerPage(locale as Locale);
  // The text this area's client forms read (the rest of the page is rendered on the server).
  return (
    <ClientMessages
      namespaces={[
        "errors",
        "filing",
        "payments",
        "tracking.refund",
        "tracking.cancel",
        "tracking.discard",
        "trackingErrors",
        "team",
        "teamErrors",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
