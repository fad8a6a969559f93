"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { appBaseUrl } from "@/lib/app-url";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import {
  acceptStaffInvitation,
  acceptStaffInvitationSchema,
  changeRoleSchema,
  changeStaffRole,
  inviteStaff,
  inviteStaffSchema,
  setActiveSchema,
  setStaffActive,
  StaffRefusedError,
} from "./staff-accounts";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** Invite a member of staff. The use case checks the role again: this action is not the guard. */
export async function inviteStaffAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(inviteStaffSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  try {
    await inviteStaff(await getActor(), { ...parsed.data, locale, baseUrl: appBaseUrl(), ip });
  } catch (e) {
    if (e instanceof StaffRefusedError)
      return {
        status: "error",
        fieldErrors: { email: e.code },
        values: { name: parsed.data.name, email: parsed.data.email, role: parsed.data.role },
      };
    if (e instanceof ForbiddenError) return formError(formData, "forbidden");
    log.error({ err: e }, "staff invite failed");
    return formError(formData, "server");
  }
  revalidatePath(`/${locale}/admin/staff`);
  return { status: "success", notice: "invited", data: { email: parsed.data.email } };
}

/** Change a role, or (de)activate: plain forms that work without script, ending in a redirect with a notice. */
export async function changeStaffRoleAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const parsed = parseForm(changeRoleSchema, formData);
  const notice = parsed.ok
    ? await run(locale, async (actor, ip) =>
        (await changeStaffRole(actor, { ...parsed.data, ip })).changed ? "role_changed" : "unchanged",
      )
    : "role_invalid";
  redirect(`/${locale}/admin/staff?notice=${notice}`);
}

export async function setStaffActiveAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const parsed = parseForm(setActiveSchema, formData);
  const notice = parsed.ok
    ? await run(locale, async (actor, ip) => {
        const r = await setStaffActive(actor, { ...parsed.data, ip });
        return r.changed ? (parsed.data.active ? "reactivated" : "deactivated") : "unchanged";
      })
    : "not_found";
  redirect(`/${locale}/admin/staff?notice=${notice}`);
}

async function run(
  locale: Locale,
  fn: (actor: Awaited<ReturnType<typeof getActor>>, ip: string | null) => Promise<string>,
): Promise<string> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/staff`);
  const { ip } = await currentRequestInfo();
  try {
    return await fn(actor, ip);
  } catch (e) {
    if (e instanceof ForbiddenError) redirect(`/${locale}/forbidden`);
    if (e instanceof StaffRefusedError) return e.code;
    throw e;
  }
}

/** The invitee sets a password, then signs in (where TOTP enrolment happens). */
export async function acceptStaffInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(acceptStaffInvitationSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const ok = await acceptStaffInvitation({ token: parsed.data.token, password: parsed.data.password, ip });
  if (!ok) return formError(formData, "link_invalid");
  redirect(`/${locale}/sign-in/staff?notice=password_set`);
}
