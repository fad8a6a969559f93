import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ClientMessages } from "@/components/i18n/client-messages";
import { ResetRequestForm } from "@/components/auth/reset-forms";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reset");
  return { title: t("title") };
}

export default async function PasswordResetPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("reset");
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <ClientMessages namespaces={["errors", "reset", "signIn"]}>
        <ResetRequestForm />
      </ClientMessages>
    </>
  );
}
