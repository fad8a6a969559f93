"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { appBaseUrl } from "@/lib/app-url";
import { formError, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { log } from "@/lib/log";
import { acceptInvitation } from "./accept-invitation";
import { inviteOfficer } from "./invite-officer";
import { removeOfficer } from "./remove-officer";
import { acceptInvitationSchema, inviteSchema, removeSchema } from "./schemas";
import { TeamRefusedError } from "./team-errors";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

export async function inviteOfficerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(inviteSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  try {
    await inviteOfficer(await getActor(), {
      email: parsed.data.email,
      locale,
      baseUrl: appBaseUrl(),
      ip,
    });
  } catch (e) {
    if (e instanceof TeamRefusedError)
      return { status: "error", fieldErrors: { email: e.code }, values: { email: parsed.data.email } };
    if (e instanceof ForbiddenError) return formError(formData, "forbidden");
    log.error({ err: e }, "invite failed");
    return formError(formData, "server");
  }
  // The list above the form shows the new invitation; the form is cleared for the next one.
  revalidatePath(`/${locale}/employer/team`);
  return { status: "success", notice: "invited", data: { email: parsed.data.email } };
}

export async function removeOfficerAction(formData: FormData): Promise<void> {
  const locale = localeFrom(formData);
  const parsed = parseForm(removeSchema, formData);
  let notice = "removed";
  if (!parsed.ok) notice = "not_found";
  else {
    const { ip } = await currentRequestInfo();
    try {
      await removeOfficer(await getActor(), { userId: parsed.data.userId, ip });
    } catch (e) {
      if (e instanceof ForbiddenError) redirect(`/${locale}/forbidden`);
      if (e instanceof TeamRefusedError) notice = e.code;
      else throw e;
    }
  }
  redirect(`/${locale}/employer/team?notice=${notice}`);
}

export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const parsed = parseForm(acceptInvitationSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  const ok = await acceptInvitation({
    token: parsed.data.token,
    name: parsed.data.name,
    password: parsed.data.password,
    ip,
  });
  if (!ok) return formError(formData, "link_invalid");
  redirect(`/${locale}/sign-in/employer?notice=verified`);
}
