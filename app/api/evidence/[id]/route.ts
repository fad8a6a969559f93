import { getActor } from "@/lib/auth/config";
import { requestInfoFrom } from "@/lib/auth/request-info";
import { openEvidenceFile } from "@/lib/reports/open-evidence-file";

export const dynamic = "force-dynamic";

/** RFC 6266 / 5987: an ASCII fallback name and the real one, UTF-8 encoded. */
function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Streams an evidence file to someone allowed to see it (lib/evidence/sharing.ts: the employer never gets a
 * grievance attachment staff have not shared, the worker only their own files and what staff shared); 404 for
 * everyone else, the same answer as for a file that does not exist. Every file handed out is audited. Images open in the browser; PDFs are downloaded (`?download=1` downloads either).
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const { id } = await params;
  const actor = await getActor();
  const found = await openEvidenceFile(actor, id, { ip: requestInfoFrom(request.headers).ip });
  if (!found) {
    return new Response("Not found", {
      status: 404,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      },
    });
  }
  const { file, body } = found;
  const download =
    new URL(request.url).searchParams.get("download") === "1" || file.mimeType === "application/pdf";
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": contentDisposition(download ? "attachment" : "inline", file.originalName),
      "X-Content-Type-Options": "nosniff",
      // Nothing in the file may run or load anything, whatever a browser makes of it.
      "Content-Security-Policy":
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox",
      "Cache-Control": "private, no-store",
      "Cross-Origin-Resource-Policy": "same-origin",
    },
  });
}
