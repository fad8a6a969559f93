import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AcceptInvitationForm } from "@/components/team/accept-invitation-form";
import { ClientMessages } from "@/components/i18n/client-messages";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { peekInvitation } from "@/lib/employers/accept-invitation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("invitation");
  return { title: t("title") };
}

/** The link in the invitation e-mail. Opening it uses nothing up: the token is spent when the form is sent. */
export default async function InvitationPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ token?: string }>;
}) {
  const { locale } = await params;
  const { token } = await searchParams;
  setRequestLocale(locale);
  const t = await getTranslations("invitation");
  const invitation = token ? await peekInvitation(token.slice(0, 100)) : null;
  return (
    <>
      <PageTitle
        lead={
          invitation
            ? t("lead", {
                establishment: locale === "ar" ? invitation.establishmentAr : invitation.establishmentEn,
                email: invitation.email,
              })
            : undefined
        }
      >
        {t("title")}
      </PageTitle>
      {invitation && token ? (
        <ClientMessages namespaces={["errors", "invitation", "teamErrors"]}>
          <AcceptInvitationForm token={token.slice(0, 100)} />
        </ClientMessages>
      ) : (
        <Notice tone="warning">{t("invalid")}</Notice>
      )}
    </>
  );
}
