import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/lib/i18n/navigation";
import { NewPasswordForm } from "@/components/auth/reset-forms";
import { peekToken } from "@/lib/auth/tokens";
import { db } from "@/db";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reset");
  return { title: t("newTitle") };
}

export default async function NewPasswordPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { locale } = await params;
  const { token } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("reset");
  const te = await getTranslations("errors");
  const valid = token ? await peekToken(db, "password_reset", token.slice(0, 100)) : null;
  return (
    <>
      <PageTitle lead={valid ? t("newLead") : undefined}>{t("newTitle")}</PageTitle>
      {valid && token ? (
        <ClientMessages namespaces={["errors", "reset", "signUp"]}>
          <NewPasswordForm token={token} />
        </ClientMessages>
      ) : (
        <>
          <Notice tone="warning">{te("link_invalid")}</Notice>
          <Link href="/password-reset" className="underline">
            {t("title")}
          </Link>
        </>
      )}
    </>
  );
}
