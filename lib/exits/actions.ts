"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/action";
import { isCalendarDate } from "@/lib/time";
import { recordWorkerExit } from "./record-exit";
import { WORKER_EXIT_KINDS } from "./states";

/** Messages are keys under adminDecisions.errors. Field names are prefixed: the case page has other forms. */
const exitSchema = z.object({
  reportId: z.uuid({ error: "not_found" }),
  exitKind: z.enum(WORKER_EXIT_KINDS, { error: "exit_kind_required" }),
  exitDate: z
    .string({ error: "exit_date_required" })
    .trim()
    .min(1, { error: "exit_date_required" })
    .refine(isCalendarDate, { error: "exit_date_invalid" }),
  exitNote: z.string().max(2000, { error: "note_too_long" }).optional().default(""),
});

/** Staff record a worker's exit on the case page (reviewer or supervisor; finance a deportation only). */
export const recordExitAction = staffAction(
  exitSchema,
  ["reviewer", "finance"],
  async (data, { actor, locale, ip }) => {
    const r = await recordWorkerExit(
      actor,
      { reportId: data.reportId, kind: data.exitKind, exitDate: data.exitDate, note: data.exitNote },
      { ip },
    );
    revalidatePath(`/${locale}/admin/reports/${data.reportId}`);
    redirect(`/${locale}/admin/reports/${data.reportId}?exit=${r.reportClosed ? "closed" : "recorded"}`);
  },
);
