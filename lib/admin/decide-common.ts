import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { workerLocale } from "@/lib/notifications/recipients";
import type { TemplateName, TemplateParams } from "@/lib/notifications/templates";
import { DECISION_REASONS, NOTE_MAX, type DecisionKind } from "./decision-reasons";

/**
 * Why a decision was not made, as a code the case page words (`adminDecisions.errors.*`):
 * - not_found: no such report or request;
 * - already_decided: someone else decided (or changed) it since the reviewer opened the page;
 * - not_decidable: its state does not allow this decision;
 * - reason_invalid / note_required / note_too_long: the form.
 */
export type DecisionErrorCode =
  "not_found" | "already_decided" | "not_decidable" | "reason_invalid" | "note_required" | "note_too_long";

export class DecisionError extends Error {
  constructor(public readonly code: DecisionErrorCode) {
    super(code);
    this.name = "DecisionError";
  }
}

export type DecisionContext = { ip?: string | null; now?: Date; appUrl?: string };

/** The reason must be one of the list for this decision; "other" needs a note. Returns the cleaned note. */
export function checkReason(
  kind: DecisionKind,
  outcome: string,
  reasonCode: string,
  note: string | null | undefined,
): string | null {
  const list = (DECISION_REASONS[kind] as Record<string, readonly string[]>)[outcome];
  if (!list || !list.includes(reasonCode)) throw new DecisionError("reason_invalid");
  const cleaned = note?.trim() ? note.trim() : null;
  if (cleaned && cleaned.length > NOTE_MAX) throw new DecisionError("note_too_long");
  if (reasonCode === "other" && !cleaned) throw new DecisionError("note_required");
  return cleaned;
}

/** The report with the people a decision tells (read without a lock: the writes check the version). */
export async function loadParties(tx: Tx, reportId: string) {
  const [row] = await tx
    .select({ report: reports, worker: workers, establishment: establishments, filer: employerUsers })
    .from(reports)
    .innerJoin(workers, eq(workers.id, reports.workerId))
    .innerJoin(establishments, eq(establishments.id, reports.establishmentId))
    .innerJoin(employerUsers, eq(employerUsers.id, reports.createdBy))
    .where(eq(reports.id, reportId));
  return row ?? null;
}

export type Parties = NonNullable<Awaited<ReturnType<typeof loadParties>>>;

/** The permit goes back to active only from "left workplace" (a cancelled or transferred permit stays so). */
export async function restorePermit(tx: Tx, workerId: string): Promise<void> {
  await tx
    .update(workers)
    .set({ permitStatus: "active" })
    .where(and(eq(workers.id, workerId), eq(workers.permitStatus, "left_workplace")));
}

/** To the worker: SMS always, in their language; e-mail as well when the registry has one. */
export async function notifyWorker<S extends TemplateName, E extends TemplateName>(
  tx: Tx,
  parties: Parties,
  sms: { template: S; params: TemplateParams[S] },
  email: { template: E; params: TemplateParams[E] } | null,
): Promise<void> {
  const locale: Locale = workerLocale(parties.worker.nationality);
  const entity = { type: "report", id: parties.report.id };
  await notify(tx, {
    channel: "sms",
    recipient: parties.worker.mobile,
    template: sms.template,
    locale,
    params: sms.params,
    entity,
  });
  if (email && parties.worker.email) {
    await notify(tx, {
      channel: "email",
      recipient: parties.worker.email,
      template: email.template,
      locale,
      params: email.params,
      entity,
    });
  }
}

/** To the establishment's address and the user who filed (once when they are the same), Arabic first. */
export async function notifyEmployer<E extends TemplateName>(
  tx: Tx,
  parties: Parties,
  email: { template: E; params: TemplateParams[E] },
): Promise<void> {
  const recipients = new Map<string, string>();
  for (const address of [parties.establishment.email, parties.filer.active ? parties.filer.email : null]) {
    if (address) recipients.set(address.toLowerCase(), address);
  }
  for (const address of recipients.values()) {
    await notify(tx, {
      channel: "email",
      recipient: address,
      template: email.template,
      locale: "ar",
      params: email.params,
      entity: { type: "report", id: parties.report.id },
    });
  }
}

/** The parameters every decision message shares. */
export function mailBase(parties: Parties, reasonCode: string, note: string | null, url: string) {
  return {
    reference: parties.report.reference,
    establishmentAr: parties.establishment.nameAr,
    establishmentEn: parties.establishment.nameEn,
    reasonCode,
    note,
    url,
  };
}

/** The worker's name in the language their messages start in. */
export const workerName = (parties: Parties) =>
  workerLocale(parties.worker.nationality) === "ar" ? parties.worker.nameAr : parties.worker.nameEn;
