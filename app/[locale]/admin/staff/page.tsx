import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { InviteStaffForm } from "@/components/admin-insight/invite-staff-form";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page-title";
import { listStaffAccounts, STAFF_ROLES } from "@/lib/admin/staff-accounts";
import { changeStaffRoleAction, setStaffActiveAction } from "@/lib/admin/staff-actions";
import { requireStaffPage } from "@/lib/auth/guards";
import { BackLink } from "@/components/ui/back-link";
import type { Locale } from "@/lib/i18n/routing";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("adminInsight.staff");
  return { title: t("title") };
}

const SUCCESS = ["role_changed", "deactivated", "reactivated", "unchanged"] as const;
const FAILURE = ["self", "not_found", "role_invalid"] as const;

/** Supervisors only (the layout admits any staff; this page narrows it, and each use case checks again). */
export default async function StaffAccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ notice?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireStaffPage(locale, ["supervisor"]);
  const { notice } = await searchParams;
  const t = await getTranslations("adminInsight.staff");
  const ta = await getTranslations("admin");
  const tb = await getTranslations("adminInsight");
  const accounts = await listStaffAccounts(actor);
  const success = SUCCESS.find((s) => s === notice);
  const failure = FAILURE.find((s) => s === notice);
  return (
    <>
      <BackLink href="/admin">{tb("back")}</BackLink>
      <PageTitle lead={t("lead")}>{t("title")}</PageTitle>
      {success ? <Notice tone="success">{t(`notices.${success}`)}</Notice> : null}
      {failure ? <Notice tone="warning">{t(`errors.${failure}`)}</Notice> : null}

      <ul className="mb-10 list-none p-0" data-testid="staff-accounts">
        {accounts.map((a) => {
          const self = a.id === actor.userId;
          const status = !a.active ? t("inactive") : a.invited ? t("invited") : t("active");
          return (
            <li key={a.id} className="border-t-2 border-gray-300 py-4" data-email={a.email}>
              <h2 className="text-lg font-bold">
                {a.name} {self ? <span className="font-normal text-muted">{t("you")}</span> : null}
              </h2>
              <p className="mb-2">
                <bdi dir="ltr" className="break-all text-muted">
                  {a.email}
                </bdi>
              </p>
              <p className="mb-3">
                <span className="font-semibold">{t("role")}:</span>{" "}
                <span data-testid="role">{ta(`roles.${a.role}`)}</span>
                {" · "}
                <span className="font-semibold">{t("status")}:</span>{" "}
                <span data-testid="status">{status}</span>
              </p>
              {self ? (
                <p className="text-sm text-muted">{t("selfNote")}</p>
              ) : (
                <div className="flex flex-wrap items-end gap-6">
                  <form action={changeStaffRoleAction} className="flex flex-wrap items-end gap-2">
                    <input type="hidden" name="locale" value={locale} />
                    <input type="hidden" name="userId" value={a.id} />
                    <div>
                      <label htmlFor={`role-${a.id}`} className="mb-1 block text-sm font-semibold">
                        {t("newRoleFor", { name: a.name })}
                      </label>
                      <select
                        id={`role-${a.id}`}
                        name="role"
                        defaultValue={a.role}
                        className="border-2 border-ink bg-white px-3 py-2"
                      >
                        {STAFF_ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ta(`roles.${r}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" className="bg-gray-200 px-4 py-2 font-semibold hover:bg-gray-300">
                      {t("saveRole")}
                    </button>
                  </form>
                  <form action={setStaffActiveAction}>
                    <input type="hidden" name="locale" value={locale} />
                    <input type="hidden" name="userId" value={a.id} />
                    <input type="hidden" name="active" value={a.active ? "false" : "true"} />
                    <button
                      type="submit"
                      className={
                        a.active
                          ? "bg-danger px-4 py-2 font-semibold text-white hover:bg-red-800"
                          : "bg-brand-600 px-4 py-2 font-semibold text-white"
                      }
                      aria-label={a.active ? t("deactivateFor", { name: a.name }) : undefined}
                    >
                      {a.active ? t("deactivate") : t("reactivate")}
                    </button>
                  </form>
                </div>
              )}
            </li>
          );
        })}
      </ul>

      <section aria-labelledby="invite" className="border-t-4 border-brand-600 bg-brand-50 p-5">
        <h2 id="invite" className="mb-3 text-xl font-bold">
          {t("inviteTitle")}
        </h2>
        <InviteStaffForm />
      </section>
    </>
  );
}
