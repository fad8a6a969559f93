import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { employerUsers, establishments, reports, workers } from "@/db/schema";
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

/** To the establishment's address and the user who filed (once when they are the same), Arabic first. */
export async function notifyEmployer<E extends TemplateName>(
  tx: Tx,
  parties: Parties,
  email: { template: E; params: TemplateParams[E] },
  entity: { type: string; id: string } = { type: "report", id: parties.report.id },
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
