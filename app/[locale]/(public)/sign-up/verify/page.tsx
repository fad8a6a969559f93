import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { Notice } from "@/components/ui/notice";
import { Link } from "@/lib/i18n/navigation";
import { verifyEmployerEmail } from "@/lib/auth/employer";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signUp");
  return { title: t("verifyTitle") };
}

// Opening the link confirms the account: the token is single-use and only its hash is stored.
export default async function VerifyPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { locale } = await params;
  const { token } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("signUp");
  const ok = token ? await verifyEmployerEmail(token.slice(0, 100)) : false;
  return (
    <>
      <PageTitle>{t("verifyTitle")}</PageTitle>
      {ok ? (
        <Notice tone="success">{t("verifyOk")}</Notice>
      ) : (
        <Notice tone="warning">{t("verifyFailed")}</Notice>
      )}
      <Link
        href={ok ? "/sign-in/employer?notice=verified" : "/sign-up"}
        className="inline-block bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline"
      >
        {ok ? t("toSignIn") : t("title")}
      </Link>
    </>
  );
}
