"use server";

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/config";
import { currentRequestInfo } from "@/lib/auth/request-info";
import { formError, formValues, isNoFileChosen, parseForm, type FormState } from "@/lib/forms";
import { formatDate } from "@/lib/i18n/format";
import { isLocale, type Locale } from "@/lib/i18n/routing";
import type { IncomingFile } from "@/lib/workers/upload";
import { fileGrievance } from "./file-grievance";
import { grievanceSchema } from "./schemas";

function localeFrom(formData: FormData): Locale {
  const l = String(formData.get("locale") ?? "ar");
  return isLocale(l) ? l : "ar";
}

/** A file input with nothing chosen still sends one empty part (isNoFileChosen): that is not an attachment. */
async function attachmentsFrom(formData: FormData): Promise<IncomingFile[]> {
  const files = formData
    .getAll("attachments")
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v);
  const chosen = files.filter((f) => !isNoFileChosen(f));
  return Promise.all(
    chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** The grievance form (works before JavaScript: React renders the returned state into the page). */
export async function fileGrievanceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const locale = localeFrom(formData);
  const actor = await getActor();
  if (!actor || actor.kind !== "worker") redirect(`/${locale}/sign-in/worker`);
  const attachments = await attachmentsFrom(formData);
  // Browsers cannot put chosen files back into a form: the page asks for them again.
  const data = attachments.length > 0 ? { filesAgain: "1" } : undefined;
  const parsed = parseForm(grievanceSchema, formData);
  if (!parsed.ok) return { ...parsed.state, data };
  const { ip } = await currentRequestInfo();
  const result = await fileGrievance(actor, { ...parsed.data, attachments, locale, ip });
  if (!result.ok) {
    switch (result.code) {
      case "file_empty":
      case "file_too_large":
      case "file_type":
      case "file_name":
      case "too_many_files":
        return {
          status: "error",
          fieldErrors: { attachments: result.code },
          values: formValues(formData),
          data,
        };
      case "deadline_passed":
        return { ...formError(formData, result.code, { date: formatDate(result.deadline, locale) }), data };
      case "not_found":
      case "report_not_in_force":
      case "already_open":
        return { ...formError(formData, result.code), data };
    }
  }
  redirect(`/${locale}/worker/reports/${parsed.data.reportId}?grievance=filed`);
}
