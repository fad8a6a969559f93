import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { ScrollTable } from "@/components/ui/scroll-table";
import { requireStaffPage } from "@/lib/auth/guards";
import { signOutEverywhereAction } from "@/lib/auth/actions";
import { staffHasRole } from "@/lib/auth/actor";
import { listStaffDirectory } from "@/lib/admin/staff-directory";
import { DecisionQueuesLinks } from "@/components/admin-decisions/queue-links";
import { Link } from "@/lib/i18n/navigation";
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
  const tx = await getTranslations("adminSettings");
  const ti = await getTranslations("adminInsight.home");
  const tf = await getTranslations("adminFinance.home");
  const staff = await listStaffDirectory(actor);
  return (
    <>
      <PageTitle lead={t("welcome", { name: actor.name })}>{t("title")}</PageTitle>
      <p className="mb-6">
        <span className="font-semibold">{t("role")}:</span>{" "}
        <span data-testid="staff-role">{t(`roles.${actor.role}`)}</span>
      </p>
      {/* Reviewer's queues (admin-decisions). */}
      {staffHasRole(actor, ["reviewer"]) ? <DecisionQueuesLinks actor={actor} /> : null}
      <section aria-labelledby="insight" className="mb-8 border-t-4 border-brand-600 bg-brand-50 p-5">
        <h2 id="insight" className="mb-3 text-xl font-bold">
          {ti("title")}
        </h2>
        <ul className="list-disc ps-5">
          <li>
            <Link href="/admin/statistics" className="text-brand-800 underline">
              {ti("statisticsLink")}
            </Link>
          </li>
          {staffHasRole(actor, ["supervisor"]) ? (
            <>
              <li>
                <Link href="/admin/audit" className="text-brand-800 underline">
                  {ti("auditLink")}
                </Link>
              </li>
              <li>
                <Link href="/admin/staff" className="text-brand-800 underline">
                  {ti("staffLink")}
                </Link>
              </li>
            </>
          ) : null}
        </ul>
      </section>
      {staffHasRole(actor, ["supervisor"]) ? (
        <section aria-labelledby="settings" className="mb-8 border-t-4 border-brand-600 bg-brand-50 p-5">
          <h2 id="settings" className="mb-1 text-xl font-bold">
            {tx("home.settingsTitle")}
          </h2>
          <p className="mb-3 text-muted">{tx("home.settingsLead")}</p>
          <ul className="list-disc ps-5">
            <li>
              <Link href="/admin/settings/governorates" className="text-brand-800 underline">
                {tx("home.governoratesLink")}
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
      {staffHasRole(actor, ["finance"]) ? (
        <section aria-labelledby="finance" className="mb-8 border-t-4 border-brand-600 bg-brand-50 p-5">
          <h2 id="finance" className="mb-1 text-xl font-bold">
            {tf("financeTitle")}
          </h2>
          <p className="mb-3 text-muted">{tf("financeLead")}</p>
          <ul className="list-disc ps-5">
            <li>
              <Link href="/admin/refunds" className="text-brand-800 underline">
                {tf("refundsLink")}
              </Link>
            </li>
            <li>
              <Link href="/admin/settings/fees" className="text-brand-800 underline">
                {tf("feesLink")}
              </Link>
            </li>
            {staffHasRole(actor, ["supervisor"]) ? (
              <li>
                <Link href="/admin/inspections" className="text-brand-800 underline">
                  {tf("inspectionsLink")}
                </Link>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="staff" className="mb-8">
        <h2 id="staff" className="mb-3 text-xl font-bold">
          {tx("staff.title")}
        </h2>
        <ScrollTable label={tx("staff.title")} hint={ts("scrollHint")}>
          <table
            className="w-full border-collapse text-start text-sm sm:text-base"
            data-testid="staff-directory"
          >
            <thead>
              <tr className="border-b-2 border-ink">
                <th scope="col" className="py-2 pe-4 text-start">
                  {tx("staff.name")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {tx("staff.role")}
                </th>
                <th scope="col" className="py-2 pe-4 text-start">
                  {tx("staff.status")}
                </th>
                <th scope="col" className="py-2 text-start">
                  {tx("staff.totp")}
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id} className="border-b border-gray-300">
                  <th scope="row" className="py-2 pe-4 text-start font-normal">
                    <span className="block font-semibold">{s.name}</span>
                    <bdi dir="ltr" className="block text-sm break-all text-muted">
                      {s.email}
                    </bdi>
                  </th>
                  <td className="py-2 pe-4">{t(`roles.${s.role}`)}</td>
                  <td className="py-2 pe-4">{tx(s.active ? "staff.active" : "staff.inactive")}</td>
                  <td className="py-2">{tx(s.totpEnrolled ? "staff.enrolled" : "staff.notEnrolled")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <form action={signOutEverywhereAction}>
        <input type="hidden" name="locale" value={locale} />
        <button type="submit" className="underline">
          {ts("signOutEverywhere")}
        </button>
      </form>
    </>
  );
}
