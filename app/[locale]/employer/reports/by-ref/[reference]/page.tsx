import { notFound, redirect } from "next/navigation";
import { requireEmployerPage } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/routing";
import { findOwnReportIdByReference } from "@/lib/reports/queries";

/**
 * /employer/reports/by-ref/WA-2026-004217 → the report's page. The reference may be typed any way
 * parseReference accepts; another establishment's reference is "not found", like one that does not exist.
 */
export default async function ReportByReference({
  params,
}: {
  params: Promise<{ locale: Locale; reference: string }>;
}) {
  const { locale, reference } = await params;
  const actor = await requireEmployerPage(locale);
  const id = await findOwnReportIdByReference(actor, decodeURIComponent(reference).slice(0, 40));
  if (!id) notFound();
  redirect(`/${locale}/employer/reports/${id}`);
}
