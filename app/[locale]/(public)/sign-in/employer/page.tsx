import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/ui/page-title";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Notice } from "@/components/ui/notice";
import { EmployerSignInForm } from "@/components/auth/employer-sign-in-form";
import { DemoAccounts } from "@/components/auth/demo-accounts";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("employerTitle") };
}

export default async function EmployerSignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ notice?: string; next?: string }>;
}) {
  const { locale } = await params;
  const { notice, next } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("signIn");
  return (
    <>
      <PageTitle>{t("employerTitle")}</PageTitle>
      {notice === "password_changed" ? <Notice tone="success">{t("passwordChanged")}</Notice> : null}
      {notice === "verified" ? <Notice tone="success">{t("verified")}</Notice> : null}
      <ClientMessages namespaces={["errors", "signIn"]}>
        <EmployerSignInForm next={next} />
      </ClientMessages>
      <p className="mt-6">
        <Link href="/password-reset" className="text-brand-800 underline">
          {t("forgotPassword")}
        </Link>
      </p>
      <p className="mt-2">
        {t("noAccount")}{" "}
        <Link href="/sign-up" className="text-brand-800 underline">
          {t("signUpLink")}
        </Link>
      </p>
      <DemoAccounts kind="employer" />
    </>
  );
}
