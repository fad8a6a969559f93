import type { AbstractIntlMessages } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Which messages each part of the site sends to the browser. Every message handed to NextIntlClientProvider
 * is serialised into every page's RSC payload, so the whole catalogue (about 140 kB in Arabic) would ride on
 * each response; client components only need their own namespaces. Server components read every message on
 * the server and need nothing here.
 *
 * The root layout sends the shared namespaces; the layouts of the folders whose pages hold client forms add
 * their area's (components/layout/area-messages.tsx): employer/reports, employer/team, worker/reports, the
 * admin folders with decision, finance, settings and staff forms, and the public sign-in pages. Pages with no
 * client form (the worker's list, the employer dashboard, the queues, the statistics) send only the shared set.
 *
 * Keep these lists in step with the client components' `useTranslations(…)` calls (and the namespaces given
 * to `useFormErrors`): a missing namespace shows the message's key in the browser. A unit test checks it.
 */
export const SHARED_CLIENT_NAMESPACES = [
  // ErrorSummary (meta.errorPrefix, form.errorSummaryTitle) and useFormErrors's shared codes.
  "errors",
  "meta",
  "form",
] as const;

export const AREA_CLIENT_NAMESPACES = {
  // Sign-in, sign-up, password reset, invitations (employer team and staff).
  public: ["signIn", "signUp", "reset", "invitation", "teamErrors", "adminInsight.invitation"],
  // Filing journey, payment, cancellation and refund requests, team.
  employer: ["filing", "payments", "tracking", "trackingErrors", "team", "teamErrors"],
  // The grievance form.
  worker: ["worker", "workerErrors"],
  // Decisions, finance, settings, staff invitations.
  admin: ["admin", "adminDecisions", "adminFinance", "adminSettings", "adminInsight"],
} as const;

export type ClientArea = keyof typeof AREA_CLIENT_NAMESPACES;

/** The messages under these paths ("ns" or "ns.sub"), nested as in the catalogue; unknown paths are skipped. */
export function pickMessages(all: AbstractIntlMessages, paths: readonly string[]): AbstractIntlMessages {
  const out: AbstractIntlMessages = {};
  for (const p of paths) {
    const keys = p.split(".");
    let from: AbstractIntlMessages | string | undefined = all;
    for (const k of keys) from = typeof from === "object" ? from[k] : undefined;
    if (from === undefined) continue;
    let to = out;
    keys.slice(0, -1).forEach((k) => {
      const next = to[k];
      to = (to[k] = typeof next === "object" ? next : {}) as AbstractIntlMessages;
    });
    to[keys[keys.length - 1]!] = from;
  }
  return out;
}

/** The messages the browser needs on every page, or in one area (shared ones included). */
export async function clientMessages(area?: ClientArea): Promise<AbstractIntlMessages> {
  const all = (await getMessages()) as AbstractIntlMessages;
  return pickMessages(all, area ? [...SHARED_CLIENT_NAMESPACES, ...AREA_CLIENT_NAMESPACES[area]] : SHARED_CLIENT_NAMESPACES);
}
