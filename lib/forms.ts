import type { z } from "zod";

/**
 * What a server action returns to its form: field errors as translation keys (messages `errors.*`), the
 * values the user typed (so nothing is lost), and an optional form-level error or notice.
 */
export type FormState = {
  status: "idle" | "error" | "success";
  fieldErrors?: Record<string, string>;
  formError?: string;
  formErrorParams?: Record<string, string>;
  notice?: string;
  values?: Record<string, string>;
  data?: Record<string, string>;
};

export const idleState: FormState = { status: "idle" };

/** Never echo these back into a page. */
const SECRET_FIELDS = new Set(["password", "passwordConfirm", "code", "currentPassword"]);

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !SECRET_FIELDS.has(k)) out[k] = v;
  }
  return out;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; state: FormState };

/** Validates a form with zod; every issue's message is a translation key under `errors`. */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData): Parsed<z.infer<S>> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of formData.entries()) if (!k.startsWith("$")) raw[k] = v;
  // PostgreSQL cannot store a NUL character in text: such a value is refused here, as a field error, rather
  // than reaching the database as a 500. Nobody can type one; only a forged request sends it.
  const withNul = Object.keys(raw).filter(
    (k) => typeof raw[k] === "string" && (raw[k] as string).includes("\u0000"),
  );
  if (withNul.length > 0) {
    const fieldErrors = Object.fromEntries(withNul.map((k) => [k, "invalid"]));
    return { ok: false, state: { status: "error", fieldErrors, values: formValues(formData) } };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fieldErrors[key] ??= issue.message && /^[a-z_.]+$/.test(issue.message) ? issue.message : "invalid";
  }
  return { ok: false, state: { status: "error", fieldErrors, values: formValues(formData) } };
}

export function formError(formData: FormData, code: string, params?: Record<string, string>): FormState {
  return { status: "error", formError: code, formErrorParams: params, values: formValues(formData) };
}

/**
 * A file input with nothing chosen still sends a part: empty and nameless — "" from a browser without
 * JavaScript, "undefined" or "blob" through React's encoding of a client form action. A file the person did
 * choose has a name (an empty one is then refused by the upload checks). The one test every upload form uses.
 */
export function isNoFileChosen(file: File): boolean {
  return file.size === 0 && (file.name === "" || file.name === "undefined" || file.name === "blob");
}
