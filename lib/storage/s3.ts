import { createHash, createHmac } from "node:crypto";
import { assertValidKey, type Storage } from "./types";

/**
 * A minimal S3-compatible client: PUT, GET and DELETE of one object, signed with AWS Signature Version 4
 * (Authorization header, signed payload). Enough for AWS S3, MinIO, Ceph, Cloudflare R2 and the like, without
 * the AWS SDK. With `endpoint` the bucket goes in the path (what most S3-compatible servers expect); without
 * it, AWS's virtual-hosted address `https://<bucket>.s3.<region>.amazonaws.com` is used.
 */
export type S3Config = {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint?: string;
  sessionToken?: string;
};

const sha256Hex = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it: everything but A–Z a–z 0–9 - . _ ~ is %XX (upper-case hex). */
export function uriEncode(value: string, keepSlash: boolean): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === "/")) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export type SignInput = {
  method: string;
  /** Host as sent (with the port when it is not the scheme's default). */
  host: string;
  /** The object's path, not yet encoded ("/bucket/key" or "/key"). */
  path: string;
  /** Headers to sign besides host, x-amz-date and x-amz-content-sha256 (names in any case). */
  headers?: Record<string, string>;
  payloadHash: string;
  /** YYYYMMDDTHHMMSSZ */
  amzDate: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  service?: string;
};

/** The headers to send, Authorization included (host is left to fetch, which sends the same value). */
export function signV4(input: SignInput): Record<string, string> {
  const service = input.service ?? "s3";
  const date = input.amzDate.slice(0, 8);
  const all: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) all[k.toLowerCase()] = v;
  all.host = input.host;
  all["x-amz-date"] = input.amzDate;
  all["x-amz-content-sha256"] = input.payloadHash;
  const names = Object.keys(all).sort();
  const canonicalHeaders = names.map((n) => `${n}:${all[n]!.trim().replace(/\s+/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    input.method,
    uriEncode(input.path, true),
    "", // no query string
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join("\n");
  const scope = `${date}/${input.region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", input.amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const kDate = hmac(`AWS4${input.secretAccessKey}`, date);
  const kSigning = hmac(hmac(hmac(kDate, input.region), service), "aws4_request");
  const signature = createHmac("sha256", kSigning).update(stringToSign).digest("hex");
  const out: Record<string, string> = { ...all };
  delete out.host;
  out.authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return out;
}

function amzDateOf(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function s3Storage(config: S3Config, fetchImpl: typeof fetch = fetch): Storage {
  const endpoint = config.endpoint
    ? new URL(config.endpoint)
    : new URL(`https://${config.bucket}.s3.${config.region}.amazonaws.com`);
  const basePath = endpoint.pathname.replace(/\/$/, "");
  const pathOf = (key: string) =>
    config.endpoint ? `${basePath}/${config.bucket}/${key}` : `${basePath}/${key}`;

  async function send(
    method: "PUT" | "GET" | "DELETE",
    key: string,
    body?: Uint8Array,
    contentType?: string,
  ) {
    assertValidKey(key);
    const path = pathOf(key);
    const extra: Record<string, string> = {};
    if (contentType) extra["content-type"] = contentType;
    if (config.sessionToken) extra["x-amz-security-token"] = config.sessionToken;
    const headers = signV4({
      method,
      host: endpoint.host,
      path,
      headers: extra,
      payloadHash: sha256Hex(body ?? ""),
      amzDate: amzDateOf(new Date()),
      region: config.region,
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
    });
    const url = `${endpoint.protocol}//${endpoint.host}${uriEncode(path, true)}`;
    return fetchImpl(url, { method, headers, body: body ? Buffer.from(body) : undefined });
  }

  async function fail(op: string, res: Response): Promise<never> {
    // The store's error body can name the bucket and key: it goes to the log, never to a user.
    const text = await res.text().catch(() => "");
    throw new Error(`S3 ${op} failed: ${res.status} ${text.slice(0, 300)}`);
  }

  return {
    async put(key, bytes, contentType) {
      const res = await send("PUT", key, bytes, contentType);
      if (!res.ok) await fail("PUT", res);
      await res.body?.cancel();
    },
    async get(key) {
      const res = await send("GET", key);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok || !res.body) return fail("GET", res);
      const length = Number(res.headers.get("content-length"));
      return { body: res.body, size: Number.isFinite(length) && length > 0 ? length : undefined };
    },
    async delete(key) {
      const res = await send("DELETE", key);
      if (!res.ok && res.status !== 404) await fail("DELETE", res);
      await res.body?.cancel();
    },
  };
}
