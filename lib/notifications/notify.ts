import { notifications } from "@/db/schema";
import type { Tx } from "@/db";
import type { Locale } from "@/lib/i18n/routing";
import { renderTemplate, templateChannel, type TemplateName, type TemplateParams } from "./templates";
import { wakeDispatcher } from "./wake";

export type NotifyInput<T extends TemplateName> = {
  channel: "sms" | "email";
  recipient: string;
  template: T;
  locale: Locale;
  params: TemplateParams[T];
  entity?: { type: string; id: string };
};

/**
 * The one way to send an SMS or e-mail: `notify(tx, { channel, recipient, template, locale, params })`. The
 * words come from the template's catalogue in `locale` (lib/notifications/templates.ts); the channel must be
 * the one the template is written for. Records the message in the outbox, in the caller's transaction, so the
 * message exists exactly when the event that causes it does. Delivery happens after commit: the NOTIFY sent
 * here reaches the job runner only if the transaction commits, and the runner's dispatcher
 * (lib/notifications/dispatch.ts) sends the message within moments; the scheduled dispatch picks up anything
 * a nudge missed. The development outbox page shows every message as its recipient sees it.
 */
export async function notify<T extends TemplateName>(tx: Tx, input: NotifyInput<T>): Promise<{ id: string }> {
  if (templateChannel(input.template) !== input.channel) {
    throw new Error(
      `template "${input.template}" is written for ${templateChannel(input.template)}, not ${input.channel}`,
    );
  }
  const rendered = renderTemplate(input.template, input.locale, input.params);
  const [row] = await tx
    .insert(notifications)
    .values({
      channel: input.channel,
      recipient: input.recipient,
      template: input.template,
      locale: input.locale,
      subject: rendered.subject ?? null,
      body: rendered.body,
      entityType: input.entity?.type ?? null,
      entityId: input.entity?.id ?? null,
    })
    .returning({ id: notifications.id });
  await wakeDispatcher(tx);
  return { id: row!.id };
}
