import { exportReportsCsv } from "@/lib/admin/exports";
import { parseStatisticsFilter } from "@/lib/admin/statistics";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { csvHeaders } from "@/lib/csv";
import { muscatDate } from "@/lib/time";
import { readDatabase } from "@/lib/read-db";

export const dynamic = "force-dynamic";

/**
 * The reports behind the statistics page, as CSV, with the page's filters. Staff only: anyone else gets 404
 * (the address tells them nothing), an invalid filter 400.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const parsed = parseStatisticsFilter(Object.fromEntries(url.searchParams));
  if (!parsed.ok) return Response.json({ error: "invalid_filter", fields: parsed.errors }, { status: 400 });
  try {
    const stream = await exportReportsCsv(await getActor(), parsed.filter, {
      read: await readDatabase(),
      ip: requestInfoFrom(request.headers).ip,
    });
    return new Response(stream, { headers: csvHeaders(`balagh-reports-${muscatDate(new Date())}.csv`) });
  } catch (e) {
    if (e instanceof ForbiddenError) return new Response("Not found", { status: 404 });
    throw e;
  }
}
