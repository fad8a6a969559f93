import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { employerUsers, establishments, reports, staffUsers, workers } from "@/db/schema";
import type { Locale } from "@/lib/i18n/routing";
import { notify } from "@/lib/notifications/notify";
import { workerLocale } from "@/lib/notifications/recipients";
import type { TemplateName, TemplateParams } from "@/lib/notifications/templates";

/** The report with the people its moves tell: the worker, the establishment and the user who filed. */
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

/** To the worker: SMS always, in their language; e-mail as well when the registry has one. */
export async function notifyWorker<S extends TemplateName, E extends TemplateName>(
  tx: Tx,
  parties: Parties,
  sms: { template: S; params: TemplateParams[S] },
  email: { template: E; params: TemplateParams[E] } | null,
  entity: { type: string; id: string } = { type: "report", id: parties.report.id },
): Promise<void> {
  const locale: Locale = workerLocale(parties.worker.nationality);
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

/**
 * To the establishment's address and the user who filed (once when they are the same), Arabic first; `alsoTo`
 * adds the user who made the request the message is about (an HR officer who asked for a refund, say).
 */
export async function notifyEmployer<E extends TemplateName>(
  tx: Tx,
  parties: Parties,
  email: { template: E; params: TemplateParams[E] },
  entity: { type: string; id: string } = { type: "report", id: parties.report.id },
  alsoTo: readonly (string | null)[] = [],
): Promise<void> {
  const recipients = new Map<string, string>();
  for (const address of [
    parties.establishment.email,
    parties.filer.active ? parties.filer.email : null,
    ...alsoTo,
  ]) {
    if (address) recipients.set(address.toLowerCase(), address);
  }
  for (const address of recipients.values()) {
    await notify(tx, {
      channel: "email",
      recipient: address,
      template: email.template,
      locale: "ar",
      params: email.params,
      entity,
    });
  }
}

/** To an establishment itself (its registered address), about the establishment rather than one report. */
export async function notifyEstablishment<E extends TemplateName>(
  tx: Tx,
  establishmentId: string,
  email: { template: E; params: (est: typeof establishments.$inferSelect) => TemplateParams[E] },
  entity: { type: string; id: string } = { type: "establishment", id: establishmentId },
): Promise<void> {
  const [est] = await tx.select().from(establishments).where(eq(establishments.id, establishmentId));
  if (!est) return;
  await notify(tx, {
    channel: "email",
    recipient: est.email,
    template: email.template,
    locale: "ar",
    params: email.params(est),
    entity,
  });
}

/** The address of an active employer user (a requester other than the filer), or null. */
export async function activeEmployerEmail(tx: Tx, userId: string): Promise<string | null> {
  const [u] = await tx
    .select({ email: employerUsers.email })
    .from(employerUsers)
    .where(and(eq(employerUsers.id, userId), eq(employerUsers.active, true)));
  return u?.email ?? null;
}

/**
 * An alert to the ministry staff who act on it: every active account with one of `roles` (supervisors are not
 * added: they see every queue). Staff keep no language preference: the e-mail carries both, Arabic first.
 */
export async function notifyStaff<E extends TemplateName>(
  tx: Tx,
  roles: readonly ("reviewer" | "finance" | "supervisor")[],
  email: { template: E; params: TemplateParams[E] },
  entity: { type: string; id: string },
): Promise<void> {
  const staff = await tx
    .select({ email: staffUsers.email })
    .from(staffUsers)
    .where(and(inArray(staffUsers.role, [...roles]), eq(staffUsers.active, true)));
  const recipients = new Map(staff.map((s) => [s.email.toLowerCase(), s.email]));
  for (const address of recipients.values()) {
    await notify(tx, {
      channel: "email",
      recipient: address,
      template: email.template,
      locale: "ar",
      params: email.params,
      entity,
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
