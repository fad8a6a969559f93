import "server-only";
import { redirect } from "next/navigation";
import { getActor } from "./config";
import { staffHasRole, type EmployerActor, type StaffActor, type StaffRole, type WorkerActor } from "./actor";
import type { Locale } from "@/lib/i18n/routing";

/** For pages: the signed-in employer, or a redirect to sign-in; other kinds of user get the 403 page. */
export async function requireEmployerPage(locale: Locale): Promise<EmployerActor> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/employer`);
  if (actor.kind !== "employer") redirect(`/${locale}/forbidden`);
  return actor;
}

export async function requireStaffPage(
  locale: Locale,
  roles: readonly StaffRole[] = ["reviewer", "finance", "supervisor"],
): Promise<StaffActor> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/staff`);
  if (actor.kind !== "staff" || !staffHasRole(actor, roles)) redirect(`/${locale}/forbidden`);
  return actor;
}

export async function requireWorkerPage(locale: Locale): Promise<WorkerActor> {
  const actor = await getActor();
  if (!actor) redirect(`/${locale}/sign-in/worker`);
  if (actor.kind !== "worker") redirect(`/${locale}/forbidden`);
  return actor;
}
