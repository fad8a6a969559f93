import { db, type Tx } from "@/db";
import type { StaffActor } from "@/lib/auth/actor";
import { classifySearch } from "@/lib/reports/search";
import { recordAudit } from "./record";

/**
 * A staff search for a person is a view of people's data, and is recorded like opening a case (issue 10
 * §13): a search by digits (a civil ID — or a CR number or part of a reference, which the same box accepts) or
 * by a name, on a staff screen, writes `staff.searched` with the screen, the kind of search and what was
 * typed. A search by a whole reference finds a report, not a person, and is recorded when the case is opened.
 * Paging through the same results is not a new search: callers record only the first page.
 */
export async function recordStaffSearch(
  staff: StaffActor,
  search: { screen: string; q: string | null | undefined },
  ctx: { ip?: string | null; tx?: Tx } = {},
): Promise<boolean> {
  const kind = classifySearch(search.q)?.kind;
  if (kind !== "digits" && kind !== "name") return false;
  await recordAudit(ctx.tx ?? db, {
    actor: { kind: "staff", id: staff.userId },
    action: "staff.searched",
    entityType: "search",
    entityId: search.screen,
    after: { screen: search.screen, kind, q: search.q!.trim().slice(0, 100) },
    ip: ctx.ip ?? null,
  });
  return true;
}
