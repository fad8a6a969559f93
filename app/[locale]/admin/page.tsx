import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { requireStaffPage } from "@/lib/auth/guards";
import { signOutEverywhereAction } from "@/lib/auth/actions";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

export default async function AdminHome({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale);
  const t = await getTranslations("admin");
  const ts = await getTranslations("shell");
  return (
    <>
      <PageTitle lead={t("welcome", { name: actor.name })}>{t("title")}</PageTitle>
      <p className="mb-6">
        <span className="font-semibold">{t("role")}:</span> <span data-testid="staff-role">{t(`roles.${actor.role}`)}</span>
      </p>
      <form action={signOutEverywhereAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="underline">
          {ts("signOutEverywhere")}
        </button>
      </form>
    </>
  );
}
