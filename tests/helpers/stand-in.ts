import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request a stand-in server received. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
};

export type StandInAnswer = { status: number; body?: unknown; delayMs?: number };

/**
 * A local HTTP server that plays a provider (an SMS gateway, Resend's API) for one test: it records every
 * request and answers with whatever `answer` returns for it. Listens on a free port on 127.0.0.1.
 */
export async function startStandIn(answer: (req: RecordedRequest, index: number) => StandInAnswer) {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body,
        json,
      };
      const index = requests.push(recorded) - 1;
      const a = answer(recorded, index);
      const reply = () => {
        res.writeHead(a.status, { "content-type": "application/json" });
        res.end(a.body === undefined ? "" : typeof a.body === "string" ? a.body : JSON.stringify(a.body));
      };
      if (a.delayMs) setTimeout(reply, a.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (the server was opened and closed again): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const s = await startStandIn(() => ({ status: 200 }));
  await s.close();
  return s.url;
}
