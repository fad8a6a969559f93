"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/action";
import { formError, formValues } from "@/lib/forms";
import { governorateScheduleSchema } from "./schemas";
import { updateGovernorateSchedule } from "./update-schedule";

/**
 * One governorate's rollout dates. The wrapper refuses a non-supervisor before validating (so the form's error
 * messages tell them nothing); the use case checks the role again: this action is not the guard.
 */
export const updateGovernorateScheduleAction = staffAction(
  governorateScheduleSchema,
  ["supervisor"],
  async (d, { actor, locale, ip, formData }) => {
    const result = await updateGovernorateSchedule(actor, d, { ip });
    if (!result.ok) {
      if (result.code === "not_found") return formError(formData, "governorate_unknown");
      return { status: "error", fieldErrors: result.fieldErrors, values: formValues(formData) };
    }
    revalidatePath(`/${locale}/admin/settings/governorates`);
    return {
      status: "success",
      notice: result.changed ? "saved" : "unchanged",
      values: formValues(formData),
    };
  },
);
