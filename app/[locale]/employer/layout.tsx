import type { ReactNode } from "react";
import { requireEmployerPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";

/** Every page under /employer is for employer users; each page and action checks again for itself. */
export default async function EmployerLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  await requireEmployerPage(locale as Locale);
  return <>{children}</>;
}
