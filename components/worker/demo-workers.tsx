import { getTranslations } from "next-intl/server";
import { DEMO_WORKERS } from "@/db/seed";
import { isDemoMode } from "@/lib/config";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

/** Development and demo mode only: the seeded workers' civil IDs; their codes appear in the outbox. */
export async function DemoWorkers({ locale }: { locale: Locale }) {
  if (!isDemoMode()) return null;
  const t = await getTranslations("workerSignIn");
  return (
    <aside
      aria-labelledby="demo-workers"
      className="mt-10 max-w-2xl border-2 border-dashed border-gray-400 bg-gray-50 p-4 text-sm"
    >
      <h2 id="demo-workers" className="mb-2 font-bold">
        {t("demoTitle")}
      </h2>
      <p className="mb-2">{t("demoLead")}</p>
      <ul className="mb-2 space-y-1">
        {DEMO_WORKERS.map((w) => (
          <li key={w.civilId}>
            <span dir="ltr" className="font-mono" data-testid="demo-civil-id">
              {w.civilId}
            </span>{" "}
            — {locale === "ar" ? w.nameAr : w.nameEn}
          </li>
        ))}
      </ul>
      <Link href="/dev/outbox" className="underline">
        {t("demoOutbox")}
      </Link>
    </aside>
  );
}
