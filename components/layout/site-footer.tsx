import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";

export async function SiteFooter() {
  const t = await getTranslations("footer");
  const ts = await getTranslations("shell");
  const tg = await getTranslations("guide");
  return (
    <footer role="contentinfo" className="mt-12 border-t-4 border-brand-600 bg-gray-100">
      <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 text-sm sm:grid-cols-2">
        <section>
          <h2 className="mb-1 font-bold">{t("help")}</h2>
          <p>{t("helpText")}</p>
        </section>
        <section>
          <h2 className="mb-1 font-bold">{t("accessibility")}</h2>
          <p>{t("accessibilityText")}</p>
        </section>
        <nav aria-label={tg("footerNav")} className="sm:col-span-2">
          <ul className="flex flex-wrap gap-x-6 gap-y-1">
            <li>
              <Link href="/guide/employer" className="text-brand-800 underline">
                {ts("employerGuide")}
              </Link>
            </li>
            <li>
              <Link href="/guide/worker" className="text-brand-800 underline">
                {ts("workerGuide")}
              </Link>
            </li>
          </ul>
        </nav>
        <p className="text-muted sm:col-span-2">{t("privacy")}</p>
        <p className="text-muted sm:col-span-2">{t("copyright", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
