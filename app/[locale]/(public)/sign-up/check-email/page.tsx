import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signUp");
  return { title: t("checkTitle") };
}

export default async function CheckEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ to?: string }>;
}) {
  const { locale } = await params;
  const { to } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("signUp");
  return (
    <>
      <PageTitle>{t("checkTitle")}</PageTitle>
      <p className="mb-4 max-w-2xl text-lg">{t("checkLead", { email: (to ?? "").slice(0, 120) })}</p>
      <p className="max-w-2xl text-muted">{t("checkNext")}</p>
    </>
  );
}
