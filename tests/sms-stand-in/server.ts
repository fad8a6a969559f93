/**
 * A local stand-in for an HTTP SMS gateway, the shape `lib/notifications/providers/sms-gateway.ts` speaks:
 * `POST <url>` with JSON `{ to, text, reference }` and an optional `Authorization: Bearer …`; it answers
 * `200 { id }`. Used by the fault scenarios (`npm run faults`) and its own test; point the app at it with
 * `SMS_GATEWAY_URL=<stand-in url>`.
 *
 * It can be switched at any time between
 * - `up`: accepts every message and counts it per `reference` (our notification id), so a test can check that
 *   every message arrived exactly once;
 * - `failing`: answers 503 to everything (a gateway that is up but broken: the app must retry);
 * - `down`: stops listening on its port (connections are refused, as when the gateway's host is gone); `up`
 *   again listens on the same port.
 *
 * Loopback only (127.0.0.1). Like a real gateway it does not de-duplicate: a message sent twice is counted
 * twice, which is what the scenarios look for.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type SmsStandInMode = "up" | "failing" | "down";

export type SmsDelivery = { to: string; text: string; reference: string; at: number };

export type SmsStandIn = {
  url: string;
  port: number;
  mode: () => SmsStandInMode;
  setMode: (mode: SmsStandInMode) => Promise<void>;
  /** Every accepted message, in order. */
  deliveries: SmsDelivery[];
  /** How many times each reference was accepted. */
  countsByReference: () => Map<string, number>;
  /** Requests answered with an error while failing (503) or malformed (400). */
  refused: () => number;
  close: () => Promise<void>;
};

export async function startSmsStandIn(opts: { port?: number; token?: string } = {}): Promise<SmsStandIn> {
  let mode: SmsStandInMode = "up";
  let refused = 0;
  let seq = 0;
  const deliveries: SmsDelivery[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (mode !== "up") {
        refused++;
        return reply(503, { error: "gateway unavailable" });
      }
      if (req.method !== "POST") return reply(405, { error: "method not allowed" });
      if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`)
        return reply(401, { error: "unauthorised" });
      let json: { to?: unknown; text?: unknown; reference?: unknown };
      try {
        json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof json;
      } catch {
        refused++;
        return reply(400, { error: "invalid JSON" });
      }
      if (
        typeof json.to !== "string" ||
        typeof json.text !== "string" ||
        typeof json.reference !== "string"
      ) {
        refused++;
        return reply(400, { error: "to, text and reference are required" });
      }
      seq++;
      deliveries.push({ to: json.to, text: json.text, reference: json.reference, at: Date.now() });
      reply(200, { id: `sms-${seq}` });
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });

  await listen(opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/sms`,
    port,
    mode: () => mode,
    async setMode(next) {
      if (next === mode) return;
      if (next === "down") await stopListening();
      else if (mode === "down") await listen(port);
      mode = next;
    },
    deliveries,
    countsByReference() {
      const counts = new Map<string, number>();
      for (const d of deliveries) counts.set(d.reference, (counts.get(d.reference) ?? 0) + 1);
      return counts;
    },
    refused: () => refused,
    close: async () => {
      if (mode !== "down") await stopListening();
      mode = "down";
    },
  };
}
