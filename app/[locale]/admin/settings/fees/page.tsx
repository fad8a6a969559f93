import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { FeeForm } from "@/components/admin-finance/fee-form";
import { PageTitle } from "@/components/ui/page-title";
import { ScrollTable } from "@/components/ui/scroll-table";
import { Tag } from "@/components/ui/tag";
import { DEFAULT_FEE_NATIONALITY, listTicketFees } from "@/lib/admin/fees";
import { requireStaffPage } from "@/lib/auth/guards";
import { formatDateTime, formatOmr } from "@/lib/i18n/format";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminFinance.fees");
  return { title: t("title") };
}

const stateTone = { current: "green", future: "blue", past: "grey" } as const;

/** The ticket fee table by nationality, with effective dates; finance and supervisors add fees. */
export default async function FeesPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["finance"]);
  const t = await getTranslations("adminFinance");
  const tsh = await getTranslations("shell");
  const groups = await listTicketFees(actor);
  const regionNames = new Intl.DisplayNames([locale], { type: "region" });
  const nameOf = (code: string) => {
    if (code === DEFAULT_FEE_NATIONALITY) return t("fees.fallback");
    try {
      return `${regionNames.of(code) ?? code} (${code})`;
    } catch {
      return code;
    }
  };
  return (
    <>
      <BackLink href="/admin">{t("back")}</BackLink>
      <PageTitle lead={t("fees.lead")}>{t("fees.title")}</PageTitle>
      <section aria-labelledby="add-fee" className="mb-10 border-t-4 border-brand-600 bg-brand-50 p-5">
        <h2 id="add-fee" className="mb-3 text-xl font-bold">
          {t("fees.addTitle")}
        </h2>
        <FeeForm />
      </section>
      {groups.map((g) => (
        <section key={g.nationality} className="mb-8" data-nationality={g.nationality}>
          <h2 className="mb-2 text-lg font-bold">{nameOf(g.nationality)}</h2>
          <ScrollTable
            label={t("fees.tableCaption", { nationality: nameOf(g.nationality) })}
            hint={tsh("scrollHint")}
          >
            <table className="w-full border-collapse text-start text-sm sm:text-base">
              <caption className="sr-only">
                {t("fees.tableCaption", { nationality: nameOf(g.nationality) })}
              </caption>
              <thead>
                <tr className="border-b-2 border-ink">
                  <th scope="col" className="py-2 pe-4 text-start">
                    {t("fees.amount")}
                  </th>
                  <th scope="col" className="py-2 pe-4 text-start">
                    {t("fees.effectiveFrom")}
                  </th>
                  <th scope="col" className="py-2 pe-4 text-start">
                    {t("fees.state")}
                  </th>
                  <th scope="col" className="py-2 text-start">
                    {t("fees.addedBy")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.id} className="border-b border-gray-300" data-state={r.state}>
                    <td className="py-2 pe-4 whitespace-nowrap font-semibold">
                      {formatOmr(r.amountBaisa, locale)}
                    </td>
                    <td className="py-2 pe-4">{formatDateTime(r.effectiveFrom, locale)}</td>
                    <td className="py-2 pe-4">
                      <Tag tone={stateTone[r.state]}>{t(`fees.states.${r.state}`)}</Tag>
                    </td>
                    <td className="py-2">{r.createdBy ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      ))}
    </>
  );
}
