import { exportRefundsCsv } from "@/lib/admin/exports";
import { parseRefundFilters } from "@/lib/admin/refunds/queue";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { csvHeaders } from "@/lib/csv";
import { muscatDate } from "@/lib/time";

export const dynamic = "force-dynamic";

/** Finance's refund queue, with the filters of its page, as CSV. Anyone who may not see it gets 404. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const filters = parseRefundFilters(Object.fromEntries(url.searchParams));
  try {
    const stream = await exportRefundsCsv(await getActor(), filters, {
      ip: requestInfoFrom(request.headers).ip,
    });
    return new Response(stream, { headers: csvHeaders(`balagh-refunds-${muscatDate(new Date())}.csv`) });
  } catch (e) {
    if (e instanceof ForbiddenError) return new Response("Not found", { status: 404 });
    throw e;
  }
}
