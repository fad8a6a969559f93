import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { getActor } from "@/lib/auth/config";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("forbidden");
  return { title: t("title") };
}

/**
 * The 403 page. It says something true for whoever is signed in (issue 10 §15): a member of staff hears that
 * their role does not include the page and who can change it, an employer's HR officer that the page is the
 * owner's, a worker where their reports are; each gets a link to their own home page.
 */
export default async function ForbiddenPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("forbidden");
  const actor = await getActor();
  const [why, home, homeLabel] =
    actor?.kind === "staff"
      ? [t("staff", { role: actor.role }), "/admin", t("staffHome")]
      : actor?.kind === "employer"
        ? [t("employer"), "/employer", t("employerHome")]
        : actor?.kind === "worker"
          ? [t("worker"), "/worker", t("workerHome")]
          : [t("anonymous"), "/", t("home")];
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <p className="mb-6 max-w-2xl text-lg" data-testid="forbidden-why">
        {why}
      </p>
      <Link href={home} className="underline">
        {homeLabel}
      </Link>
    </>
  );
}
