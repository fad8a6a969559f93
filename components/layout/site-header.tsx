import { getTranslations } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import type { Actor } from "@/lib/auth/actor";
import type { Locale } from "@/lib/i18n/routing";
import { signOutAction } from "@/lib/auth/actions";
import { isDemoMode } from "@/lib/config";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader({ locale, actor }: { locale: Locale; actor: Actor | null }) {
  const t = await getTranslations("shell");
  const tm = await getTranslations("meta");
  const other = locale === "ar" ? "en" : "ar";
  return (
    <header role="banner" className="bg-brand-800 text-white">
      {isDemoMode() ? (
        <p className="bg-yellow-300 px-4 py-1 text-center text-sm text-ink no-print">{t("demoBanner")}</p>
      ) : null}
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-white no-underline">
          <span className="block text-sm opacity-90">{tm("ministry")}</span>
          <span className="block text-xl font-bold">{tm("serviceName")}</span>
        </Link>
        <div className="flex items-center gap-4 text-white">
          <LanguageSwitch target={other} label={t("language")} title={t("languageLabel")} />
          {actor ? (
            <form action={signOutAction}>
              <input type="hidden" name="locale" value={locale} />
              <button type="submit" className="underline">
                {t("signOut")}
              </button>
            </form>
          ) : (
            <Link href="/sign-in" className="text-white underline">
              {t("signIn")}
            </Link>
          )}
        </div>
      </div>
      <nav aria-label={t("mainNav")} className="bg-brand-700">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-x-5 gap-y-1 px-4 py-2 text-sm">
          <li>
            <Link href="/" className="text-white underline">
              {t("home")}
            </Link>
          </li>
          {actor?.kind === "employer" ? (
            <li>
              <Link href="/employer" className="text-white underline">
                {t("employerNav")}
              </Link>
            </li>
          ) : null}
          {actor?.kind === "staff" ? (
            <li>
              <Link href="/admin" className="text-white underline">
                {t("staffNav")}
              </Link>
            </li>
          ) : null}
          {actor?.kind === "worker" ? (
            <li>
              <Link href="/worker" className="text-white underline">
                {t("workerNav")}
              </Link>
            </li>
          ) : null}
          {actor?.kind !== "worker" && actor?.kind !== "staff" ? (
            <li>
              <Link href="/guide/employer" className="text-white underline">
                {t("employerGuide")}
              </Link>
            </li>
          ) : null}
          {actor?.kind !== "employer" && actor?.kind !== "staff" ? (
            <li>
              <Link href="/guide/worker" className="text-white underline">
                {t("workerGuide")}
              </Link>
            </li>
          ) : null}
          {isDemoMode() ? (
            <li>
              <Link href="/dev/outbox" className="text-white underline">
                {t("devOutbox")}
              </Link>
            </li>
          ) : null}
          {actor ? (
            <li className="ms-auto opacity-90">
              {t("signedInAs", {
                name: actor.kind === "worker" && locale === "ar" ? actor.nameAr : actor.name,
              })}
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
