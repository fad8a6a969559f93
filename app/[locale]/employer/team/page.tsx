import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { InviteForm } from "@/components/team/invite-form";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { Tag } from "@/components/ui/tag";
import { requireEmployerPage } from "@/lib/auth/guards";
import { removeOfficerAction } from "@/lib/employers/actions";
import { listTeam, type TeamMember } from "@/lib/employers/queries";
import { getOwnEstablishment } from "@/lib/establishments/queries";
import { Link } from "@/lib/i18n/navigation";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("team");
  return { title: t("title") };
}

const STATE_TONE = { active: "green", invited: "yellow", removed: "grey" } as const;

export default async function TeamPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale } = await params;
  const { notice } = await searchParams;
  setRequestLocale(locale);
  const actor = await requireEmployerPage(locale);
  // Only the owner manages the team; the use cases refuse an HR officer too.
  if (actor.role !== "owner") redirect(`/${locale}/forbidden`);
  const [t, te, own, team] = await Promise.all([
    getTranslations("team"),
    getTranslations("employer"),
    getOwnEstablishment(actor),
    listTeam(actor),
  ]);
  const establishment = own ? (locale === "ar" ? own.establishment.nameAr : own.establishment.nameEn) : "";

  const action = (m: TeamMember) => {
    if (m.role !== "hr_officer" || m.state === "removed") return null;
    const invited = m.state === "invited";
    return (
      <form action={removeOfficerAction}>
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="userId" value={m.id} />
        <button
          type="submit"
          className="text-danger underline"
          aria-label={
            invited ? t("cancelInvitationLabel", { email: m.email }) : t("removeLabel", { name: m.name })
          }
        >
          {invited ? t("cancelInvitation") : t("remove")}
        </button>
      </form>
    );
  };

  return (
    <>
      <p className="mb-4">
        <Link href="/employer" className="text-brand-800 underline">
          <span aria-hidden="true">{locale === "ar" ? "→ " : "← "}</span>
          {t("back")}
        </Link>
      </p>
      <PageTitle lead={t("lead", { establishment })}>{t("title")}</PageTitle>
      {notice === "removed" ? <Notice tone="success">{t("removed")}</Notice> : null}
      {notice === "not_found" || notice === "cannot_remove_owner" ? (
        <Notice tone="warning">{t(`notices.${notice}`)}</Notice>
      ) : null}

      <section aria-labelledby="members-title" className="mb-10">
        <h2 id="members-title" className="mb-3 text-xl font-bold">
          {t("membersTitle")}
        </h2>
        <ul className="border-t border-gray-300" data-testid="team-list">
          {team.map((m) => (
            <li
              key={m.id}
              className="grid gap-2 border-b border-gray-300 py-3 sm:grid-cols-[1fr_15rem_12rem] sm:items-center sm:gap-6"
              data-email={m.email}
            >
              <div className="min-w-0">
                {/* Until an invitation is accepted the person has no name of their own: the address stands for it. */}
                <span className="block break-all font-semibold">
                  <bdi>{m.state === "invited" ? m.email : m.name}</bdi>{" "}
                  {m.id === actor.userId ? <span className="font-normal text-muted">{t("you")}</span> : null}
                </span>
                {m.state === "invited" ? null : (
                  <span className="block break-all text-sm text-muted">
                    <bdi dir="ltr">{m.email}</bdi>
                  </span>
                )}
                <span className="block text-sm">{te(`roles.${m.role}`)}</span>
              </div>
              <div>
                <Tag tone={STATE_TONE[m.state]}>{t(`state.${m.state}`)}</Tag>
              </div>
              <div>{action(m)}</div>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invite-title" className="max-w-2xl">
        <h2 id="invite-title" className="mb-2 text-xl font-bold">
          {t("inviteTitle")}
        </h2>
        <p className="mb-4">{t("inviteLead")}</p>
        <InviteForm />
      </section>
    </>
  );
}
