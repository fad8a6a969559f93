import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Link } from "@/lib/i18n/navigation";
import { PageTitle } from "@/components/ui/page-title";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("chooserTitle") };
}

export default async function SignInChooser({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("signIn");
  const options = [
    { href: "/sign-in/employer", title: t("employer"), hint: t("employerHint") },
    { href: "/sign-in/worker", title: t("worker"), hint: t("workerHint") },
    { href: "/sign-in/staff", title: t("staff"), hint: t("staffHint") },
  ];
  return (
    <>
      <PageTitle lead={t("chooserLead")}>{t("chooserTitle")}</PageTitle>
      <ul className="grid max-w-2xl gap-4">
        {options.map((o) => (
          <li key={o.href}>
            <Link href={o.href} className="block border-2 border-ink p-4 no-underline hover:bg-brand-50">
              <span className="block text-lg font-bold text-brand-800 underline">{o.title}</span>
              <span className="block text-muted">{o.hint}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
