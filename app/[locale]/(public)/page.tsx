import { getTranslations, setRequestLocale } from "next-intl/server";
import { connection } from "next/server";
import { Link } from "@/lib/i18n/navigation";
import { listGovernoratesWithState } from "@/lib/governorates/state";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

export default async function LandingPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await connection();
  const t = await getTranslations("landing");
  const govs = await listGovernoratesWithState();
  const employerPoints = ["file", "pay", "track", "cancel"] as const;
  const workerPoints = ["told", "see", "object"] as const;
  const tag = {
    mandatory: "bg-brand-600 text-white",
    pilot: "bg-yellow-200 text-ink",
    not_live: "bg-gray-200 text-ink",
  } as const;
  return (
    <>
      <div className="mb-8">
        <h1 className="text-3xl font-bold">{t("title")}</h1>
        <p className="mt-3 max-w-3xl text-lg">{t("lead")}</p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="employers" className="border-t-4 border-brand-600 bg-brand-50 p-5">
          <h2 id="employers" className="mb-3 text-xl font-bold">
            {t("employerTitle")}
          </h2>
          <ul className="mb-4 list-disc space-y-1 ps-5">
            {employerPoints.map((p) => (
              <li key={p}>{t(`employerPoints.${p}`)}</li>
            ))}
          </ul>
          <Link
            href="/sign-in/employer"
            className="inline-block bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700"
          >
            {t("employerStart")}
          </Link>
          <p className="mt-3">
            <Link href="/sign-up" className="text-brand-800 underline">
              {t("employerSignUp")}
            </Link>
          </p>
        </section>
        <section aria-labelledby="workers" className="border-t-4 border-brand-600 bg-brand-50 p-5">
          <h2 id="workers" className="mb-3 text-xl font-bold">
            {t("workerTitle")}
          </h2>
          <ul className="mb-4 list-disc space-y-1 ps-5">
            {workerPoints.map((p) => (
              <li key={p}>{t(`workerPoints.${p}`)}</li>
            ))}
          </ul>
          <Link
            href="/sign-in/worker"
            className="inline-block bg-brand-600 px-5 py-2.5 font-semibold text-white no-underline hover:bg-brand-700"
          >
            {t("workerStart")}
          </Link>
        </section>
      </div>
      <section aria-labelledby="governorates" className="mt-10">
        <h2 id="governorates" className="mb-2 text-xl font-bold">
          {t("governoratesTitle")}
        </h2>
        <p className="mb-4 max-w-3xl text-muted">{t("governoratesLead")}</p>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-start">
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("governorate")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {t("state")}
                </th>
                <th scope="col" className="py-2 text-start">
                  {t("since")}
                </th>
              </tr>
            </thead>
            <tbody>
              {govs.map((g) => (
                <tr key={g.code} className="border-b border-gray-300" data-governorate={g.code}>
                  <th scope="row" className="py-2 pe-4 text-start font-normal">
                    {locale === "ar" ? g.nameAr : g.nameEn}
                  </th>
                  <td className="py-2 pe-4">
                    <span className={`inline-block px-2 py-0.5 text-sm font-semibold ${tag[g.state]}`}>
                      {t(`stateNames.${g.state}`)}
                    </span>
                  </td>
                  <td className="py-2">{g.since ? formatDate(g.since, locale) : t("notScheduled")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
