"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/config";
import { ForbiddenError, staffHasRole } from "@/lib/auth/actor";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, formValues, parseForm, type FormState } from "@/lib/forms";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import { governorateScheduleSchema } from "./schemas";
import { updateGovernorateSchedule } from "./update-schedule";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** One governorate's rollout dates. The use case checks the role again: this action is not the guard. */
export async function updateGovernorateScheduleAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/staff`);
  // Refuse before validating, so a non-supervisor learns nothing from the form's error messages.
  if (actor.kind !== "staff" || !staffHasRole(actor, ["supervisor"])) redirect(`/${locale}/forbidden`);
  const parsed = parseForm(governorateScheduleSchema, formData);
  if (!parsed.ok) return parsed.state;
  const { ip } = await currentRequestInfo();
  let result;
  try {
    result = await updateGovernorateSchedule(actor, parsed.data, { ip });
  } catch (e) {
    if (e instanceof ForbiddenError) redirect(`/${locale}/forbidden`);
    throw e;
  }
  if (!result.ok) {
    if (result.code === "not_found") return formError(formData, "governorate_unknown");
    return { status: "error", fieldErrors: result.fieldErrors, values: formValues(formData) };
  }
  revalidatePath(`/${locale}/admin/settings/governorates`);
  return { status: "success", notice: result.changed ? "saved" : "unchanged", values: formValues(formData) };
}
