import { createHash, randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { RULES } from "@/lib/reports/settings";

/**
 * Grievance attachments: a minimal store of its own, written alongside the filing work's lib/storage/ to
 * avoid two changes to one file at once; to be folded into lib/storage/ (and lib/storage/validate.ts) later.
 * The upload rules are the employer issue's: PDF, JPEG or PNG — recognised by their first bytes, never by
 * the name or the browser's claim — and at most 5 MB each.
 */
export const MAX_GRIEVANCE_FILES = 3;

export type UploadKind = { mime: "application/pdf" | "image/jpeg" | "image/png"; ext: "pdf" | "jpg" | "png" };

const SIGNATURES: { bytes: number[]; kind: UploadKind }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], kind: { mime: "application/pdf", ext: "pdf" } }, // %PDF-
  { bytes: [0xff, 0xd8, 0xff], kind: { mime: "image/jpeg", ext: "jpg" } },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: { mime: "image/png", ext: "png" } },
];

export function sniffKind(bytes: Uint8Array): UploadKind | null {
  for (const s of SIGNATURES) {
    if (bytes.length >= s.bytes.length && s.bytes.every((b, i) => bytes[i] === b)) return s.kind;
  }
  return null;
}

export type IncomingFile = { name: string; bytes: Uint8Array };
export type CheckedFile = { originalName: string; bytes: Uint8Array; kind: UploadKind; sha256: string };
export type UploadError = "file_empty" | "file_too_large" | "file_type" | "too_many_files";

/** Checks every file; the first problem found is the answer. */
export function checkUploads(files: IncomingFile[]): { ok: true; files: CheckedFile[] } | { ok: false; code: UploadError } {
  if (files.length > MAX_GRIEVANCE_FILES) return { ok: false, code: "too_many_files" };
  const out: CheckedFile[] = [];
  for (const f of files) {
    if (f.bytes.length === 0) return { ok: false, code: "file_empty" };
    if (f.bytes.length > RULES.maxUploadBytes) return { ok: false, code: "file_too_large" };
    const kind = sniffKind(f.bytes);
    if (!kind) return { ok: false, code: "file_type" };
    out.push({
      originalName: cleanName(f.name, kind.ext),
      bytes: f.bytes,
      kind,
      sha256: createHash("sha256").update(f.bytes).digest("hex"),
    });
  }
  return { ok: true, files: out };
}

/** The name as the worker's phone gave it, without any path, control characters or excess length. */
function cleanName(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 120);
  return base || `attachment.${ext}`;
}

export function uploadRoot(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.UPLOAD_DIR ?? path.join(process.cwd(), ".data", "uploads"));
}

/** Writes the files under `grievances/`, named by fresh random ids; returns their storage keys. */
export async function storeGrievanceFiles(files: CheckedFile[]): Promise<{ storageKey: string; file: CheckedFile }[]> {
  const dir = path.join(/*turbopackIgnore: true*/ uploadRoot(), "grievances");
  await mkdir(dir, { recursive: true });
  const stored: { storageKey: string; file: CheckedFile }[] = [];
  try {
    for (const file of files) {
      const storageKey = `grievances/${randomUUID()}.${file.kind.ext}`;
      await writeFile(path.join(/*turbopackIgnore: true*/ uploadRoot(), storageKey), file.bytes, { flag: "wx", mode: 0o600 });
      stored.push({ storageKey, file });
    }
  } catch (e) {
    await removeStored(stored.map((s) => s.storageKey));
    throw e;
  }
  return stored;
}

/** Removes files whose database rows were never written (the transaction failed). */
export async function removeStored(storageKeys: string[]): Promise<void> {
  await Promise.all(storageKeys.map((k) => rm(path.join(/*turbopackIgnore: true*/ uploadRoot(), k), { force: true })));
}
