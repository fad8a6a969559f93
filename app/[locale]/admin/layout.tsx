import type { ReactNode } from "react";
import { requireStaffPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";

/** Every page under /admin is for ministry staff; each page and action checks the role again for itself. */
export default async function AdminLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  await requireStaffPage(locale as Locale);
  return <>{children}</>;
}
