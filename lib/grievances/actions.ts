"use server";

import { redirect } from "next/navigation";
import { workerAction } from "@/lib/actions/action";
import { formError, formValues, isNoFileChosen } from "@/lib/forms";
import { formatDate } from "@/lib/i18n/format";
import type { IncomingFile } from "@/lib/workers/upload";
import { fileGrievance } from "./file-grievance";
import { grievanceSchema } from "./schemas";

/** The files chosen in the form's `attachments` input (an input with nothing chosen sends one empty part). */
function chosenFiles(formData: FormData): File[] {
  return formData
    .getAll("attachments")
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v)
    .filter((f) => !isNoFileChosen(f));
}

async function attachmentsFrom(formData: FormData): Promise<IncomingFile[]> {
  return Promise.all(
    chosenFiles(formData).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** The grievance form (works before JavaScript: React renders the returned state into the page). */
export const fileGrievanceAction = workerAction(
  grievanceSchema,
  async (d, { actor, locale, ip, formData }) => {
    const attachments = await attachmentsFrom(formData);
    const result = await fileGrievance(actor, { ...d, attachments, locale, ip });
    if (!result.ok) {
      switch (result.code) {
        case "file_empty":
        case "file_too_large":
        case "file_type":
        case "file_name":
        case "too_many_files":
          return { status: "error", fieldErrors: { attachments: result.code }, values: formValues(formData) };
        case "deadline_passed":
          return formError(formData, result.code, { date: formatDate(result.deadline, locale) });
        case "not_found":
        case "report_not_in_force":
        case "already_open":
          return formError(formData, result.code);
      }
    }
    redirect(`/${locale}/worker/reports/${d.reportId}?grievance=filed`);
  },
  // Browsers cannot put chosen files back into a form: every error asks for them again.
  { errorData: (formData) => (chosenFiles(formData).length > 0 ? { filesAgain: "1" } : undefined) },
);
