import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ClientMessages } from "@/components/i18n/client-messages";
import { SignUpForm } from "@/components/auth/sign-up-form";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signUp");
  return { title: t("title") };
}

export default async function SignUpPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("signUp");
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <ClientMessages namespaces={["errors", "signUp"]}>
        <SignUpForm />
      </ClientMessages>
    </>
  );
}
