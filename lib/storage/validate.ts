import { createHash } from "node:crypto";
import { RULES } from "@/lib/reports/settings";

/**
 * What an uploaded file is, decided from its first bytes (its "magic number") and nothing else: not the name,
 * not the type the browser claims. Only PDF, JPEG and PNG are accepted; SVG (which can carry script), HTML,
 * office files, archives and everything else are refused.
 */
export const ALLOWED_TYPES = {
  "application/pdf": { extensions: ["pdf"], canonical: "pdf" },
  "image/jpeg": { extensions: ["jpg", "jpeg"], canonical: "jpg" },
  "image/png": { extensions: ["png"], canonical: "png" },
} as const;

export type AllowedMimeType = keyof typeof ALLOWED_TYPES;

const ALLOWED_EXTENSIONS = new Set<string>(Object.values(ALLOWED_TYPES).flatMap((t) => t.extensions));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

export function detectType(bytes: Uint8Array): AllowedMimeType | null {
  if (startsWith(bytes, PDF_SIGNATURE)) return "application/pdf";
  if (startsWith(bytes, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, JPEG_SIGNATURE)) return "image/jpeg";
  return null;
}

const MAX_NAME_LENGTH = 100;

/**
 * A file name fit to show and to put in a Content-Disposition header: the last path segment only (no
 * "../", no "C:\fakepath\"), no control or bidi-override characters, none of < > : " / \ | ? *, no leading
 * dots, at most 100 characters. The store never sees it: files are kept under random keys.
 */
export function sanitiseFileName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? "";
  const cleaned = last
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  const chars = [...cleaned];
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  // Keep the extension when shortening.
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : "";
  return (
    chars
      .slice(0, MAX_NAME_LENGTH - ext.length)
      .join("")
      .trimEnd() + ext
  );
}

/** No file system keeps a longer name (255 bytes on most; counted here in characters, more lenient). */
export const MAX_SUBMITTED_NAME_LENGTH = 255;

/**
 * True for a name no file picker sends: a path (a browser sends the last segment only, so "/" or "\" means a
 * hand-made request such as `../../etc/passwd.pdf`), a control character (NUL, CR, LF, tab...), or more than
 * 255 characters. Such an upload is refused rather than cleaned up. Names that pass are still cleaned for
 * display and headers by `sanitiseFileName`.
 */
export function isUnacceptableFileName(name: string): boolean {
  return /[\\/]/.test(name) || /\p{Cc}/u.test(name) || [...name].length > MAX_SUBMITTED_NAME_LENGTH;
}

export type UploadErrorCode =
  "upload_empty" | "upload_too_large" | "upload_type" | "upload_type_mismatch" | "upload_name";

export type CheckedUpload = {
  ok: true;
  mimeType: AllowedMimeType;
  /** The sanitised name, with an extension that matches the content. */
  safeName: string;
  sizeBytes: number;
  sha256: string;
};

export type UploadCheck = CheckedUpload | { ok: false; code: UploadErrorCode };

export function validateUpload(input: { name: string; bytes: Uint8Array }): UploadCheck {
  const { bytes } = input;
  if (isUnacceptableFileName(input.name)) return { ok: false, code: "upload_name" };
  if (bytes.length === 0) return { ok: false, code: "upload_empty" };
  if (bytes.length > RULES.maxUploadBytes) return { ok: false, code: "upload_too_large" };
  const mimeType = detectType(bytes);
  if (!mimeType) return { ok: false, code: "upload_type" };
  const type = ALLOWED_TYPES[mimeType];

  let safeName = sanitiseFileName(input.name);
  const dot = safeName.lastIndexOf(".");
  const ext = dot > 0 ? safeName.slice(dot + 1).toLowerCase() : "";
  if (ALLOWED_EXTENSIONS.has(ext)) {
    // A name that says one allowed type over content of another (a PNG called ".pdf") is refused: the person
    // probably picked the wrong file, and we will not guess which of the two they meant.
    if (!(type.extensions as readonly string[]).includes(ext))
      return { ok: false, code: "upload_type_mismatch" };
  } else {
    safeName = `${safeName || "file"}.${type.canonical}`;
  }
  return {
    ok: true,
    mimeType,
    safeName,
    sizeBytes: bytes.length,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
