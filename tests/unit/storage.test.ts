import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localStorage } from "@/lib/storage/local";
import { s3Storage, signV4, uriEncode } from "@/lib/storage/s3";
import { newStorageKey, storageFromEnv } from "@/lib/storage";
import type { Storage } from "@/lib/storage/types";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

const bytes = new TextEncoder().encode("%PDF-1.7 hello");

async function roundTrip(store: Storage) {
  const key = newStorageKey("evidence");
  expect(key).toMatch(/^evidence\/[0-9a-f-]{36}$/);
  expect(await store.get(key)).toBeNull();
  await store.put(key, bytes, "application/pdf");
  const got = await store.get(key);
  expect(got).not.toBeNull();
  expect(await readAll(got!.body)).toEqual(Buffer.from(bytes));
  await store.delete(key);
  expect(await store.get(key)).toBeNull();
  await store.delete(key); // deleting twice is fine
}

describe("local directory storage", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "balagh-storage-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("puts, gets and deletes by key, leaving no temporary files", async () => {
    const store = localStorage(dir);
    await roundTrip(store);
    const key = newStorageKey("evidence");
    await store.put(key, bytes, "application/pdf");
    expect(await readdir(path.join(dir, "evidence"))).toEqual([key.split("/")[1]]);
  });

  it("refuses keys that could leave its directory", async () => {
    const store = localStorage(dir);
    for (const key of ["../outside", "evidence/../../x", "/etc/passwd", "Evidence/X", "a//b", ""]) {
      await expect(store.put(key, bytes, "application/pdf")).rejects.toThrow("invalid storage key");
      await expect(store.get(key)).rejects.toThrow("invalid storage key");
    }
  });

  it("is the default, under .data/uploads", () => {
    expect(storageFromEnv({ UPLOADS_DIR: dir })).toBeTruthy();
    expect(() => storageFromEnv({ S3_BUCKET: "b" })).toThrow(/S3_ACCESS_KEY_ID/);
  });
});

describe("S3 Signature Version 4", () => {
  // AWS's published examples ("Signature Calculations for the Authorization Header", Amazon S3 API reference).
  const creds = {
    accessKeyId: "AKIAIOSFODNN7EXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    region: "us-east-1",
  };
  const EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  it("matches AWS's GET Object example", () => {
    const headers = signV4({
      ...creds,
      method: "GET",
      host: "examplebucket.s3.amazonaws.com",
      path: "/test.txt",
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_SHA,
      amzDate: "20130524T000000Z",
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date," +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
  });

  it("matches AWS's PUT Object example (a key with $ in it)", () => {
    const body = "Welcome to Amazon S3.";
    const headers = signV4({
      ...creds,
      method: "PUT",
      host: "examplebucket.s3.amazonaws.com",
      path: "/test$file.text",
      headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      payloadHash: createHash("sha256").update(body).digest("hex"),
      amzDate: "20130524T000000Z",
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class," +
        "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    );
  });

  it("encodes paths as SigV4 wants", () => {
    expect(uriEncode("/test$file.text", true)).toBe("/test%24file.text");
    expect(uriEncode("a b/é~", false)).toBe("a%20b%2F%C3%A9~");
  });
});

describe("S3-compatible storage against a local server that checks signatures", () => {
  const objects = new Map<string, { body: Buffer; type: string }>();
  const seen: string[] = [];
  let server: http.Server;
  let endpoint: string;
  const config = {
    bucket: "balagh-test",
    region: "me-south-1",
    accessKeyId: "TESTKEY",
    secretAccessKey: "TESTSECRET",
  };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const auth = String(req.headers.authorization ?? "");
        const signed = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(";") ?? [];
        const extra: Record<string, string> = {};
        for (const name of signed)
          if (!["host", "x-amz-date", "x-amz-content-sha256"].includes(name))
            extra[name] = String(req.headers[name]);
        // Recompute the signature from what arrived, as a real store does.
        const expected = signV4({
          method: req.method!,
          host: String(req.headers.host),
          path: decodeURIComponent(req.url!),
          headers: extra,
          payloadHash: String(req.headers["x-amz-content-sha256"]),
          amzDate: String(req.headers["x-amz-date"]),
          region: config.region,
          accessKeyId: config.accessKeyId,
          secretAccessKey: config.secretAccessKey,
        }).authorization;
        const hashOk =
          createHash("sha256").update(body).digest("hex") === req.headers["x-amz-content-sha256"];
        seen.push(`${req.method} ${req.url}`);
        if (auth !== expected || !hashOk) {
          res.writeHead(403).end("<Error><Code>SignatureDoesNotMatch</Code></Error>");
          return;
        }
        const key = req.url!;
        if (req.method === "PUT") {
          objects.set(key, { body, type: String(req.headers["content-type"]) });
          res.writeHead(200).end();
        } else if (req.method === "GET") {
          const o = objects.get(key);
          if (!o) res.writeHead(404).end("<Error><Code>NoSuchKey</Code></Error>");
          else res.writeHead(200, { "content-type": o.type, "content-length": o.body.length }).end(o.body);
        } else if (req.method === "DELETE") {
          objects.delete(key);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("puts, gets and deletes with path-style addresses under the bucket", async () => {
    await roundTrip(s3Storage({ ...config, endpoint }));
    expect(seen.some((s) => s.startsWith("PUT /balagh-test/evidence/"))).toBe(true);
  });

  it("fails loudly on a wrong secret (the store refuses the signature)", async () => {
    const store = s3Storage({ ...config, endpoint, secretAccessKey: "WRONG" });
    await expect(store.put(newStorageKey("evidence"), bytes, "application/pdf")).rejects.toThrow(
      /S3 PUT failed: 403/,
    );
  });

  it("is chosen by S3_BUCKET", async () => {
    const store = storageFromEnv({
      S3_BUCKET: config.bucket,
      S3_REGION: config.region,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: config.accessKeyId,
      S3_SECRET_ACCESS_KEY: config.secretAccessKey,
    });
    await roundTrip(store);
  });
});
