import type { ReactNode } from "react";
import { requireStaffPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";
import { ClientMessages } from "@/components/i18n/client-messages";

/** Every page under /admin is for ministry staff; each page and action checks the role again for itself. */
export default async function AdminLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  await requireStaffPage(locale as Locale);
  // The text this area's client forms read (the rest of the page is rendered on the server).
  return (
    <ClientMessages
      namespaces={[
        "errors",
        "admin",
        "adminSettings",
        "adminFinance",
        "adminDecisions.form",
        "adminDecisions.reasons",
        "adminDecisions.errors",
        "adminDecisions.exit",
        "adminInsight.staff",
      ]}
    >
      {children}
    </ClientMessages>
  );
}
