import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import { ClientMessages } from "@/components/i18n/client-messages";
import { PageTitle } from "@/components/ui/page-title";
import { StaffSignInForm } from "@/components/auth/staff-sign-in-form";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("staffTitle") };
}

export default async function StaffSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale } = await params;
  const { notice } = await searchParams;
  setRequestLocale(locale);
  await connection(); // the demo codes change every 30 seconds
  const t = await getTranslations("signIn");
  const ti = await getTranslations("adminInsight.invitation");
  return (
    <>
      <PageTitle>{t("staffTitle")}</PageTitle>
      {notice === "password_set" ? <Notice tone="success">{ti("passwordSet")}</Notice> : null}
      <ClientMessages namespaces={["errors", "signIn"]}>
        <StaffSignInForm />
      </ClientMessages>
      <DemoAccounts kind="staff" />
    </>
  );
}
