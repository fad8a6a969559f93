import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/routing";

export type WorkerCardData = {
  nameAr: string;
  nameEn: string;
  civilId: string;
  nationality: string;
  passportNumber: string;
  permitNumber: string;
  occupation: string;
  enteredOmanOn: string;
};

/** The registry's record of a worker, to confirm it is the right person: the name in both scripts. */
export async function WorkerCard({ worker, locale }: { worker: WorkerCardData; locale: Locale }) {
  const t = await getTranslations("filing");
  const nat = t.has(`nationalities.${worker.nationality}` as "nationalities.IN")
    ? t(`nationalities.${worker.nationality}` as "nationalities.IN")
    : worker.nationality;
  const rows: [string, ReactNode][] = [
    [
      t("confirm.nameAr"),
      <bdi key="ar" lang="ar" dir="rtl">
        {worker.nameAr}
      </bdi>,
    ],
    [
      t("confirm.nameEn"),
      <bdi key="en" lang="en" dir="ltr">
        {worker.nameEn}
      </bdi>,
    ],
    [
      t("confirm.civilId"),
      <bdi key="cid" dir="ltr">
        {worker.civilId}
      </bdi>,
    ],
    [t("confirm.nationality"), nat],
    [
      t("confirm.passport"),
      <bdi key="pp" dir="ltr">
        {worker.passportNumber}
      </bdi>,
    ],
    [
      t("confirm.permit"),
      <bdi key="wp" dir="ltr">
        {worker.permitNumber}
      </bdi>,
    ],
    [t("confirm.occupation"), <bdi key="occ">{worker.occupation}</bdi>],
    [t("confirm.entered"), formatDate(worker.enteredOmanOn, locale)],
  ];
  return (
    <dl
      className="mb-8 max-w-2xl border-2 border-ink p-4 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-x-6"
      data-testid="worker-card"
    >
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-semibold sm:py-1">{label}</dt>
          <dd className="mb-2 sm:mb-0 sm:py-1">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
