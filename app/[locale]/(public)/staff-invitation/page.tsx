import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AcceptStaffInvitationForm } from "@/components/admin-insight/accept-staff-invitation-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { peekStaffInvitation } from "@/lib/admin/staff-accounts";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminInsight.invitation");
  return { title: t("title") };
}

/** The link in a staff invitation e-mail. Opening it spends nothing: the token is used when the form is sent. */
export default async function StaffInvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { locale } = await params;
  const { token } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("adminInsight.invitation");
  const ta = await getTranslations("admin");
  const safe = token?.slice(0, 100);
  const invitation = safe ? await peekStaffInvitation(safe) : null;
  return (
    <>
      <PageTitle
        lead={
          invitation
            ? t("lead", {
                name: invitation.name,
                role: ta(`roles.${invitation.role}`),
                email: invitation.email,
              })
            : undefined
        }
      >
        {t("title")}
      </PageTitle>
      {invitation && safe ? (
        <ClientMessages namespaces={["errors", "adminInsight.invitation"]}>
          <AcceptStaffInvitationForm token={safe} />
        </ClientMessages>
      ) : (
        <Notice tone="warning">{t("invalid")}</Notice>
      )}
    </>
  );
}
