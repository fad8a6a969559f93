/**
 * A small Stripe-compatible server for tests: the real `stripe` SDK is pointed at it (STRIPE_API_HOST / _PORT /
 * _PROTOCOL). It implements what Balagh calls, the way Stripe answers it:
 *
 *   POST /v1/checkout/sessions         one-time Checkout in any currency; OMR amounts in baisa, multiples of 10
 *   GET  /v1/checkout/sessions/:id     with `expand[]=payment_intent`
 *   POST /v1/refunds                   against a paid session's PaymentIntent, never above what is left
 *   GET  /v1/refunds/:id, GET /v1/refunds?charge=…|payment_intent=…
 *
 * It honours `Idempotency-Key` as Stripe does (same key and parameters → the same response, replayed; same key,
 * other parameters → 400 idempotency_error), checks the secret key, and keeps every request it received so a
 * test can count them. Tests move a session on with `markSessionPaid` and friends, and build signed webhook
 * bodies with `signedEvent` (Stripe's own `generateTestHeaderString`).
 *
 * (Stripe's stripe-mock has no npm build, and stripe-stateful-mock rejects OMR and has no Checkout.)
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Json = Record<string, unknown>;

export type RecordedRequest = { method: string; path: string; idempotencyKey: string | null; params: Json };

type SessionRecord = {
  id: string;
  mode: string;
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  metadata: Record<string, string>;
  client_reference_id: string | null;
  success_url: string;
  cancel_url: string | null;
  expires_at: number;
  created: number;
  locale: string | null;
  payment_intent: string | null;
};

type PaymentIntentRecord = {
  id: string;
  amount: number;
  currency: string;
  status: "processing" | "succeeded" | "requires_payment_method" | "canceled";
  latest_charge: string | null;
  metadata: Record<string, string>;
  last_payment_error: { code: string; decline_code?: string; message: string } | null;
  amount_refunded: number;
};

type RefundRecord = {
  id: string;
  amount: number;
  currency: string;
  status: "pending" | "succeeded" | "failed" | "canceled" | "requires_action";
  payment_intent: string;
  charge: string | null;
  metadata: Record<string, string>;
  failure_reason: string | null;
  created: number;
};

class ApiError extends Error {
  constructor(
    public status: number,
    public type: string,
    message: string,
    public param?: string,
    public code?: string,
  ) {
    super(message);
  }
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding (`a[b][0][c]=v`) into nested objects and arrays. */
export function parseStripeForm(text: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Json | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const key: string | number = Array.isArray(node) ? Number(part) : part;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      if (container[key] === undefined) container[key] = /^\d+$/.test(parts[i + 1] ?? "") ? [] : {};
      node = container[key] as Json | unknown[];
    });
  }
  return root;
}

function int(value: unknown, param: string): number {
  const n = Number(value);
  if (typeof value !== "string" || !/^-?\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new ApiError(400, "invalid_request_error", `Invalid integer: ${String(value)}`, param);
  }
  return n;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

/** Currencies whose minor unit is a thousandth; Stripe requires their amounts to be multiples of 10. */
const THREE_DECIMAL = new Set(["bhd", "jod", "kwd", "omr", "tnd"]);

export type StripeStandIn = {
  apiKey: string;
  port: number;
  /** The environment that points lib/payments at this server. */
  env: Record<"STRIPE_SECRET_KEY" | "STRIPE_API_HOST" | "STRIPE_API_PORT" | "STRIPE_API_PROTOCOL", string>;
  requests: RecordedRequest[];
  /** The status new refunds get. */
  refundOutcome: RefundRecord["status"];
  session(id: string): Json | undefined;
  refund(id: string): Json | undefined;
  refundCount(): number;
  /** The charge of a paid session, as a `charge.*` event would carry it. */
  chargeOf(sessionId: string): Json;
  /** The checkout succeeded: the session completes and its PaymentIntent and charge exist. */
  markSessionPaid(id: string): void;
  /** The checkout completed with an asynchronous method whose payment is still processing. */
  markSessionProcessing(id: string): void;
  /** That asynchronous payment failed. */
  markSessionAsyncFailed(id: string): void;
  /** After `markSessionProcessing`: the payment arrived. */
  markSessionAsyncSucceeded(id: string): void;
  markSessionExpired(id: string): void;
  setRefundStatus(id: string, status: RefundRecord["status"], failureReason?: string): void;
  /** A Stripe event wrapping `object` (the API's current shape of it), as a webhook would carry it. */
  event(type: string, object: Json): Json;
  /** The body and `Stripe-Signature` header of a webhook delivery of `event`. */
  signedEvent(
    event: Json,
    secret: string,
    opts?: { timestamp?: number },
  ): { body: string; signature: string };
  close(): Promise<void>;
};

export async function startStripeStandIn(opts: { apiKey?: string } = {}): Promise<StripeStandIn> {
  const apiKey = opts.apiKey ?? `sk_test_standin_${randomBytes(8).toString("hex")}`;
  const sessions = new Map<string, SessionRecord>();
  const intents = new Map<string, PaymentIntentRecord>();
  const refunds = new Map<string, RefundRecord>();
  const idempotency = new Map<string, { fingerprint: string; status: number; body: string }>();
  const requests: RecordedRequest[] = [];
  let base = "";

  const sessionJson = (s: SessionRecord, expand: string[]): Json => ({
    id: s.id,
    object: "checkout.session",
    livemode: false,
    mode: s.mode,
    status: s.status,
    payment_status: s.payment_status,
    amount_subtotal: s.amount_total,
    amount_total: s.amount_total,
    currency: s.currency,
    metadata: s.metadata,
    client_reference_id: s.client_reference_id,
    success_url: s.success_url,
    cancel_url: s.cancel_url,
    url: s.status === "open" ? `${base}/c/pay/${s.id}` : null,
    expires_at: s.expires_at,
    created: s.created,
    locale: s.locale,
    payment_intent:
      s.payment_intent && expand.includes("payment_intent")
        ? intentJson(intents.get(s.payment_intent)!)
        : s.payment_intent,
  });

  const intentJson = (pi: PaymentIntentRecord): Json => ({
    id: pi.id,
    object: "payment_intent",
    amount: pi.amount,
    currency: pi.currency,
    status: pi.status,
    latest_charge: pi.latest_charge,
    metadata: pi.metadata,
    last_payment_error: pi.last_payment_error,
  });

  const refundJson = (r: RefundRecord): Json => ({ object: "refund", ...r });

  function createSession(p: Json): Json {
    if (p.mode !== "payment")
      throw new ApiError(400, "invalid_request_error", "Only mode=payment is supported here.", "mode");
    if (typeof p.success_url !== "string")
      throw new ApiError(400, "invalid_request_error", "Missing required param: success_url.", "success_url");
    const items = Array.isArray(p.line_items) ? (p.line_items as Json[]) : [];
    if (items.length === 0)
      throw new ApiError(400, "invalid_request_error", "Missing required param: line_items.", "line_items");
    let total = 0;
    let currency = "";
    items.forEach((item, i) => {
      const price = (item.price_data ?? {}) as Json;
      const c = String(price.currency ?? "").toLowerCase();
      if (!/^[a-z]{3}$/.test(c))
        throw new ApiError(
          400,
          "invalid_request_error",
          "Invalid currency.",
          `line_items[${i}][price_data][currency]`,
        );
      if (currency && c !== currency)
        throw new ApiError(400, "invalid_request_error", "All line items must share one currency.");
      currency = c;
      const unit = int(price.unit_amount, `line_items[${i}][price_data][unit_amount]`);
      if (unit <= 0)
        throw new ApiError(
          400,
          "invalid_request_error",
          "unit_amount must be positive.",
          `line_items[${i}][price_data][unit_amount]`,
        );
      if (THREE_DECIMAL.has(c) && unit % 10 !== 0) {
        throw new ApiError(
          400,
          "invalid_request_error",
          `Amounts in ${c.toUpperCase()} must be a multiple of 10 (the last decimal digit must be 0).`,
          `line_items[${i}][price_data][unit_amount]`,
          "invalid_amount",
        );
      }
      total += unit * int(item.quantity ?? "1", `line_items[${i}][quantity]`);
    });
    const expiresAt = p.expires_at === undefined ? now() + 24 * 3600 : int(p.expires_at, "expires_at");
    if (expiresAt < now() + 30 * 60 - 5 || expiresAt > now() + 24 * 3600 + 5) {
      throw new ApiError(
        400,
        "invalid_request_error",
        "expires_at must be between 30 minutes and 24 hours from now.",
        "expires_at",
      );
    }
    const s: SessionRecord = {
      id: id("cs"),
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: total,
      currency,
      metadata: strings(p.metadata),
      client_reference_id: typeof p.client_reference_id === "string" ? p.client_reference_id : null,
      success_url: p.success_url.replace("{CHECKOUT_SESSION_ID}", ""),
      cancel_url: typeof p.cancel_url === "string" ? p.cancel_url : null,
      expires_at: expiresAt,
      created: now(),
      locale: typeof p.locale === "string" ? p.locale : null,
      payment_intent: null,
    };
    s.success_url = p.success_url.replace("{CHECKOUT_SESSION_ID}", s.id);
    sessions.set(s.id, s);
    return sessionJson(s, []);
  }

  function createRefund(p: Json): Json {
    const piId = typeof p.payment_intent === "string" ? p.payment_intent : null;
    const pi = piId ? intents.get(piId) : undefined;
    if (!pi)
      throw new ApiError(
        404,
        "invalid_request_error",
        `No such payment_intent: '${piId}'`,
        "payment_intent",
        "resource_missing",
      );
    if (pi.status !== "succeeded")
      throw new ApiError(
        400,
        "invalid_request_error",
        "This PaymentIntent has not succeeded.",
        "payment_intent",
      );
    const left = pi.amount - pi.amount_refunded;
    if (left <= 0)
      throw new ApiError(
        400,
        "invalid_request_error",
        "Charge has already been refunded.",
        undefined,
        "charge_already_refunded",
      );
    const amount = p.amount === undefined ? left : int(p.amount, "amount");
    if (amount <= 0 || amount > left)
      throw new ApiError(
        400,
        "invalid_request_error",
        "Refund amount is greater than the unrefunded amount.",
        "amount",
        "amount_too_large",
      );
    if (THREE_DECIMAL.has(pi.currency) && amount % 10 !== 0)
      throw new ApiError(
        400,
        "invalid_request_error",
        "Amount must be a multiple of 10.",
        "amount",
        "invalid_amount",
      );
    const r: RefundRecord = {
      id: id("re"),
      amount,
      currency: pi.currency,
      status: stand.refundOutcome,
      payment_intent: pi.id,
      charge: pi.latest_charge,
      metadata: strings(p.metadata),
      failure_reason: stand.refundOutcome === "failed" ? "declined" : null,
      created: now(),
    };
    refunds.set(r.id, r);
    if (r.status !== "failed" && r.status !== "canceled") pi.amount_refunded += amount;
    return refundJson(r);
  }

  function route(method: string, path: string, params: Json): Json {
    const expand = Array.isArray(params.expand) ? (params.expand as string[]) : [];
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(params);
    if (method === "GET" && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      const s = sessions.get(decodeURIComponent(m[1]!));
      if (!s)
        throw new ApiError(
          404,
          "invalid_request_error",
          `No such checkout.session: '${m[1]}'`,
          "id",
          "resource_missing",
        );
      return sessionJson(s, expand);
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(params);
    if (method === "GET" && (m = /^\/v1\/refunds\/([^/]+)$/.exec(path))) {
      const r = refunds.get(decodeURIComponent(m[1]!));
      if (!r)
        throw new ApiError(
          404,
          "invalid_request_error",
          `No such refund: '${m[1]}'`,
          "id",
          "resource_missing",
        );
      return refundJson(r);
    }
    if (method === "GET" && path === "/v1/refunds") {
      const data = [...refunds.values()]
        .filter(
          (r) =>
            (params.charge === undefined || r.charge === params.charge) &&
            (params.payment_intent === undefined || r.payment_intent === params.payment_intent),
        )
        .sort((a, b) => b.created - a.created)
        .map(refundJson);
      return { object: "list", data, has_more: false, url: "/v1/refunds" };
    }
    throw new ApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const method = req.method ?? "GET";
      const raw = Buffer.concat(chunks).toString("utf8");
      const params = parseStripeForm(method === "GET" ? url.search.slice(1) : raw);
      const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
      requests.push({ method, path: url.pathname, idempotencyKey: key, params });
      const send = (status: number, body: string, replayed = false) => {
        res.writeHead(status, {
          "content-type": "application/json",
          "request-id": id("req"),
          ...(key ? { "idempotency-key": key } : {}),
          ...(replayed ? { "idempotent-replayed": "true" } : {}),
          // The SDK retries 409s and 5xx; nothing else here is worth a retry.
          "stripe-should-retry": "false",
        });
        res.end(body);
      };
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        send(
          401,
          JSON.stringify({ error: { type: "invalid_request_error", message: "Invalid API Key provided." } }),
        );
        return;
      }
      // Stripe keeps POST responses by idempotency key (the SDK sends one on every POST).
      const fingerprint = `${method} ${url.pathname} ${raw}`;
      if (method === "POST" && key) {
        const seen = idempotency.get(key);
        if (seen) {
          if (seen.fingerprint !== fingerprint) {
            send(
              400,
              JSON.stringify({
                error: {
                  type: "idempotency_error",
                  message: `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
                },
              }),
            );
          } else {
            send(seen.status, seen.body, true);
          }
          return;
        }
      }
      let status = 200;
      let body: string;
      try {
        body = JSON.stringify(route(method, url.pathname, params));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        status = e.status;
        body = JSON.stringify({ error: { type: e.type, message: e.message, param: e.param, code: e.code } });
      }
      if (method === "POST" && key) idempotency.set(key, { fingerprint, status, body });
      send(status, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  const signer = new Stripe(apiKey);

  const mustSession = (sid: string) => {
    const s = sessions.get(sid);
    if (!s) throw new Error(`stand-in: no session ${sid}`);
    return s;
  };
  const complete = (s: SessionRecord, piStatus: PaymentIntentRecord["status"]) => {
    s.status = "complete";
    const pi: PaymentIntentRecord = {
      id: id("pi"),
      amount: s.amount_total,
      currency: s.currency,
      status: piStatus,
      latest_charge: piStatus === "succeeded" ? id("ch") : null,
      metadata: s.metadata,
      last_payment_error: null,
      amount_refunded: 0,
    };
    intents.set(pi.id, pi);
    s.payment_intent = pi.id;
    s.payment_status = piStatus === "succeeded" ? "paid" : "unpaid";
  };

  const stand: StripeStandIn = {
    apiKey,
    port,
    env: {
      STRIPE_SECRET_KEY: apiKey,
      STRIPE_API_HOST: "127.0.0.1",
      STRIPE_API_PORT: String(port),
      STRIPE_API_PROTOCOL: "http",
    },
    requests,
    refundOutcome: "succeeded",
    session: (sid) => {
      const s = sessions.get(sid);
      return s ? sessionJson(s, []) : undefined;
    },
    refund: (rid) => {
      const r = refunds.get(rid);
      return r ? refundJson(r) : undefined;
    },
    refundCount: () => refunds.size,
    chargeOf(sid) {
      const pi = intents.get(mustSession(sid).payment_intent ?? "");
      if (!pi?.latest_charge) throw new Error(`stand-in: session ${sid} has no charge`);
      return {
        id: pi.latest_charge,
        object: "charge",
        amount: pi.amount,
        amount_refunded: pi.amount_refunded,
        currency: pi.currency,
        payment_intent: pi.id,
        refunded: pi.amount_refunded >= pi.amount,
      };
    },
    markSessionPaid(sid) {
      const s = mustSession(sid);
      if (s.status !== "open") throw new Error(`stand-in: session ${sid} is ${s.status}`);
      complete(s, "succeeded");
    },
    markSessionProcessing(sid) {
      const s = mustSession(sid);
      if (s.status !== "open") throw new Error(`stand-in: session ${sid} is ${s.status}`);
      complete(s, "processing");
    },
    markSessionAsyncFailed(sid) {
      const s = mustSession(sid);
      const pi = s.payment_intent ? intents.get(s.payment_intent) : undefined;
      if (!pi || pi.status !== "processing")
        throw new Error(`stand-in: session ${sid} has no processing payment`);
      pi.status = "requires_payment_method";
      pi.last_payment_error = {
        code: "payment_method_provider_decline",
        message: "The bank declined the debit.",
      };
    },
    markSessionAsyncSucceeded(sid) {
      const s = mustSession(sid);
      const pi = s.payment_intent ? intents.get(s.payment_intent) : undefined;
      if (!pi || pi.status !== "processing")
        throw new Error(`stand-in: session ${sid} has no processing payment`);
      pi.status = "succeeded";
      pi.latest_charge = id("ch");
      s.payment_status = "paid";
    },
    markSessionExpired(sid) {
      const s = mustSession(sid);
      if (s.status !== "open") throw new Error(`stand-in: session ${sid} is ${s.status}`);
      s.status = "expired";
    },
    setRefundStatus(rid, status, failureReason) {
      const r = refunds.get(rid);
      if (!r) throw new Error(`stand-in: no refund ${rid}`);
      const pi = intents.get(r.payment_intent)!;
      const counted = (st: RefundRecord["status"]) => st !== "failed" && st !== "canceled";
      if (counted(r.status) && !counted(status)) pi.amount_refunded -= r.amount;
      if (!counted(r.status) && counted(status)) pi.amount_refunded += r.amount;
      r.status = status;
      r.failure_reason = status === "failed" ? (failureReason ?? "declined") : null;
    },
    event(type, object) {
      return {
        id: id("evt"),
        object: "event",
        api_version: Stripe.API_VERSION,
        created: now(),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
      };
    },
    signedEvent(event, secret, o = {}) {
      const body = JSON.stringify(event);
      const signature = signer.webhooks.generateTestHeaderString({
        payload: body,
        secret,
        timestamp: o.timestamp,
      });
      return { body, signature };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
  return stand;
}
