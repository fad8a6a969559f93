import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("staffTitle") };
}

export default async function StaffSignInPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await connection(); // the demo codes change every 30 seconds
  const t = await getTranslations("signIn");
  return (
    <>
      <PageTitle>{t("staffTitle")}</PageTitle>
      <StaffSignInForm />
      <DemoAccounts kind="staff" />
    </>
  );
}
