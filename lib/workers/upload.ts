import { createHash, randomUUID } from "node:crypto";
import { getStorage } from "@/lib/storage";
import {
  ALLOWED_TYPES,
  detectType,
  isUnacceptableFileName,
  type AllowedMimeType,
} from "@/lib/storage/validate";
import { RULES } from "@/lib/reports/settings";

/**
 * Grievance attachments follow the employer issue's upload rules — PDF, JPEG or PNG, recognised by their first
 * bytes (lib/storage/validate.ts), never by the name or the browser's claim, at most 5 MB each — and are kept
 * in the same store as the evidence (lib/storage: a local directory, or S3-compatible storage).
 */
export const MAX_GRIEVANCE_FILES = 3;

export type UploadKind = { mime: "application/pdf" | "image/jpeg" | "image/png"; ext: "pdf" | "jpg" | "png" };

export function sniffKind(bytes: Uint8Array): UploadKind | null {
  const mime: AllowedMimeType | null = detectType(bytes);
  return mime ? { mime, ext: ALLOWED_TYPES[mime].canonical } : null;
}

export type IncomingFile = { name: string; bytes: Uint8Array };
export type CheckedFile = { originalName: string; bytes: Uint8Array; kind: UploadKind; sha256: string };
export type UploadError = "file_empty" | "file_too_large" | "file_type" | "file_name" | "too_many_files";

/** Checks every file; the first problem found is the answer. */
export function checkUploads(
  files: IncomingFile[],
): { ok: true; files: CheckedFile[] } | { ok: false; code: UploadError } {
  if (files.length > MAX_GRIEVANCE_FILES) return { ok: false, code: "too_many_files" };
  const out: CheckedFile[] = [];
  for (const f of files) {
    // A path, a control character or an endless name: a hand-made request, refused (lib/storage/validate.ts).
    if (isUnacceptableFileName(f.name)) return { ok: false, code: "file_name" };
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
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .trim()
    .slice(0, 120);
  return base || `attachment.${ext}`;
}

/** Writes the files under `grievances/`, named by fresh random ids; returns their storage keys. */
export async function storeGrievanceFiles(
  files: CheckedFile[],
): Promise<{ storageKey: string; file: CheckedFile }[]> {
  const storage = getStorage();
  const stored: { storageKey: string; file: CheckedFile }[] = [];
  try {
    for (const file of files) {
      const storageKey = `grievances/${randomUUID()}`;
      await storage.put(storageKey, file.bytes, file.kind.mime);
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
  const storage = getStorage();
  await Promise.all(storageKeys.map((k) => storage.delete(k)));
}
