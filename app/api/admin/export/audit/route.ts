import { parseAuditFilter } from "@/lib/admin/audit-log";
import { exportAuditCsv } from "@/lib/admin/exports";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { csvHeaders } from "@/lib/csv";
import { muscatDate } from "@/lib/time";

export const dynamic = "force-dynamic";

/**
 * The audit log as CSV, with the browser's filters. Supervisors only: other staff get 403, anyone not
 * staff 404; an invalid filter 400.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = parseAuditFilter(Object.fromEntries(url.searchParams));
  if (!parsed.ok) return Response.json({ error: "invalid_filter", fields: parsed.errors }, { status: 400 });
  try {
    const stream = await exportAuditCsv(await getActor(), parsed.filter, {
      ip: requestInfoFrom(request.headers).ip,
    });
    return new Response(stream, { headers: csvHeaders(`balagh-audit-${muscatDate(new Date())}.csv`) });
  } catch (e) {
    if (e instanceof ForbiddenError)
      return new Response(e.code === "role" ? "Forbidden" : "Not found", {
        status: e.code === "role" ? 403 : 404,
      });
    throw e;
  }
}
