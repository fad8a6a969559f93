import type { ReactNode } from "react";
import { requireWorkerPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";

/** Every page under /worker is for a signed-in worker; each page loads only that worker's data. */
export default async function WorkerLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const { locale } = await params;
  await requireWorkerPage(locale as Locale);
  return <>{children}</>;
}
