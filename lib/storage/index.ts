import { randomUUID } from "node:crypto";
import path from "node:path";
import { localStorage } from "./local";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export type { Storage, StoredObject } from "./types";

/** The default: a directory under the project's git-ignored `.data/`. */
export const DEFAULT_UPLOADS_DIR = path.join(".data", "uploads");

/**
 * The configured store: S3-compatible when S3_BUCKET is set (with S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_REGION and, for a non-AWS store, S3_ENDPOINT), otherwise the local directory UPLOADS_DIR
 * (default `.data/uploads`).
 */
export function storageFromEnv(env: Record<string, string | undefined> = process.env): Storage {
  if (env.S3_BUCKET) {
    const accessKeyId = env.S3_ACCESS_KEY_ID;
    const secretAccessKey = env.S3_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error("S3_BUCKET is set but S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is missing");
    }
    return s3Storage({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || "us-east-1",
      endpoint: env.S3_ENDPOINT || undefined,
      accessKeyId,
      secretAccessKey,
      sessionToken: env.S3_SESSION_TOKEN || undefined,
    });
  }
  return localStorage(env.UPLOADS_DIR || DEFAULT_UPLOADS_DIR);
}

const holder = globalThis as unknown as { __balaghStorage?: Storage };

export function getStorage(): Storage {
  holder.__balaghStorage ??= storageFromEnv();
  return holder.__balaghStorage;
}

/** A fresh random key: the user's file name never reaches the store. */
export function newStorageKey(prefix: "evidence"): string {
  return `${prefix}/${randomUUID()}`;
}
