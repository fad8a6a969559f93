import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page-title";
import { Link } from "@/lib/i18n/navigation";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  const tf = await getTranslations("forbidden");
  return (
    <>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      <Link href="/" className="underline">
        {tf("home")}
      </Link>
    </>
  );
}
