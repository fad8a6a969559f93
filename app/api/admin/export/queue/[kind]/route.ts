import { exportQueueCsv } from "@/lib/admin/exports";
import { QUEUE_KINDS, type QueueKind } from "@/lib/admin/queues";
import { ForbiddenError } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/config";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { csvHeaders } from "@/lib/csv";
import { muscatDate } from "@/lib/time";
import { readDatabase } from "@/lib/read-db";

export const dynamic = "force-dynamic";

const FILTERS = ["q", "governorate", "status", "from", "to", "nationality"] as const;

/** A reviewer's queue, with the filters of its page, as CSV. Anyone who may not see the queue gets 404. */
export async function GET(request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const { kind } = await params;
  if (!(QUEUE_KINDS as readonly string[]).includes(kind)) return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const filters = Object.fromEntries(FILTERS.map((k) => [k, url.searchParams.get(k)?.slice(0, 200) || null]));
  try {
    const stream = await exportQueueCsv(await getActor(), kind as QueueKind, filters, {
      read: await readDatabase(),
      ip: requestInfoFrom(request.headers).ip,
    });
    return new Response(stream, {
      headers: csvHeaders(`balagh-queue-${kind}-${muscatDate(new Date())}.csv`),
    });
  } catch (e) {
    if (e instanceof ForbiddenError) return new Response("Not found", { status: 404 });
    throw e;
  }
}
