import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/ui/page-title";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("workerGuide");
  return { title: t("title") };
}

/** The worker's user guide (دليل المستخدم): plain words, short sentences, in Arabic and English. */
export default async function WorkerGuidePage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("workerGuide");
  const tw = await getTranslations("worker");
  const sections = [
    ["told", t("toldTitle")],
    ["sign-in", t("signInTitle")],
    ["meaning", t("meaningTitle")],
    ["grievance", t("grievanceTitle")],
    ["by-when", t("byWhenTitle")],
    ["help", t("helpTitle")],
  ] as const;
  const h2 = "mb-3 mt-10 text-2xl font-bold";
  return (
    <div className="max-w-3xl text-lg">
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <nav aria-labelledby="contents" className="border-s-4 border-gray-300 ps-4">
        <h2 id="contents" className="mb-2 font-bold">
          {t("contents")}
        </h2>
        <ul className="space-y-1">
          {sections.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-800 underline">
                {title}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <h2 id="told" className={h2}>
        {t("toldTitle")}
      </h2>
      <p className="mb-3">{t("told1")}</p>
      <p className="mb-3">{t("told2")}</p>
      <p className="mb-3 border-s-8 border-danger bg-white ps-4 font-semibold">{t("told3")}</p>

      <h2 id="sign-in" className={h2}>
        {t("signInTitle")}
      </h2>
      <ol className="mb-3 list-decimal space-y-2 ps-8">
        <li>{t("signIn1")}</li>
        <li>{t("signIn2")}</li>
        <li>{t("signIn3")}</li>
        <li>{t("signIn4")}</li>
      </ol>
      <p className="mb-3">{t("signInPhone")}</p>

      <h2 id="meaning" className={h2}>
        {t("meaningTitle")}
      </h2>
      <p className="mb-3">{t("meaning1")}</p>
      <p className="mb-2">{t("meaning2")}</p>
      <ul className="mb-3 list-disc space-y-1 ps-8">
        <li>{tw("consequences.status")}</li>
        <li>{tw("consequences.gratuity")}</li>
        <li>{tw("consequences.work")}</li>
        <li>{tw("consequences.reentry")}</li>
      </ul>
      <p className="mb-3 font-semibold">{t("meaning3")}</p>

      <h2 id="grievance" className={h2}>
        {t("grievanceTitle")}
      </h2>
      <ol className="mb-3 list-decimal space-y-2 ps-8">
        <li>{t("grievance1")}</li>
        <li>{t("grievance2")}</li>
        <li>{t("grievance3")}</li>
        <li>{t("grievance4")}</li>
      </ol>

      <h2 id="by-when" className={h2}>
        {t("byWhenTitle")}
      </h2>
      <ul className="mb-3 list-disc space-y-2 ps-8">
        <li>{t("byWhen1")}</li>
        <li className="font-semibold">{t("byWhen2")}</li>
        <li>{t("byWhen3")}</li>
      </ul>

      <h2 id="help" className={h2}>
        {t("helpTitle")}
      </h2>
      <ul className="mb-8 list-disc space-y-2 ps-8">
        <li>{t("help1")}</li>
        <li>{t("help2")}</li>
        <li>{t("help3")}</li>
      </ul>

      <Link
        href="/sign-in/worker"
        className="inline-block bg-brand-600 px-5 py-3 font-semibold text-white no-underline hover:bg-brand-700"
      >
        {t("start")}
      </Link>
    </div>
  );
}
