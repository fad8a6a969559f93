import type { Locale } from "@/lib/i18n/routing";
import { formatMessage, type Params } from "@/lib/i18n/format-message";
import { formatDate, formatOmr } from "@/lib/i18n/format";
import type { MessageTree } from "@/lib/i18n/pick-messages";
import { templateCatalogues, type TemplateAudience } from "@/messages/templates";
import { staffTemplates } from "@/lib/admin/staff-templates";
import { workerTemplates } from "@/lib/workers/templates";
import { adminTemplates, reasonLabel } from "@/lib/admin/templates";
import { financeTemplates } from "@/lib/admin/finance-templates";
import { caseTemplates } from "@/lib/cases/templates";
import {
  defineTemplates,
  presenceArgument,
  type ParamKind,
  type ParamsOf,
  type TemplateSpec,
} from "./template-spec";

/**
 * Every message the service sends. Each template is named `<audience>.<name>` (worker, employer or staff:
 * the catalogue its words are in) and declared here or in its domain's registry with its channel and the
 * kinds of its parameters (lib/notifications/template-spec.ts). The words are in
 * messages/templates-<audience>/<locale>.json. Plain text; e-mails get a subject.
 */
const serviceTemplates = defineTemplates({
  "employer.verify-email": { channel: "email", params: { name: "text", establishment: "text", url: "text" } },
  "employer.password-reset": { channel: "email", params: { name: "text", url: "text" } },
  /** Lockout is per address (lib/auth/rate-limit.ts): the owner is told when many wrong passwords arrive. */
  "employer.sign-in-failures": { channel: "email", bilingual: true, params: { name: "text", url: "text" } },
  "staff.sign-in-failures": { channel: "email", bilingual: true, params: { name: "text", url: "text" } },
  "employer.invitation": {
    channel: "email",
    params: { inviter: "text", establishment: "text", url: "text" },
  },
  /** Deadline job: the worker's grievance window closes in a few days. SMS: short. */
  "worker.grievance-closing.sms": {
    channel: "sms",
    params: { reference: "text", establishment: "text", deadline: "date", url: "text" },
  },
  "worker.grievance-closing.email": {
    channel: "email",
    params: { name: "text", reference: "text", establishment: "text", deadline: "date", url: "text" },
  },
  /** To the worker's mobile the moment a report against them is submitted (short: a few SMS parts). */
  "worker.report-filed.sms": {
    channel: "sms",
    params: {
      establishmentAr: "text",
      establishmentEn: "text",
      reference: "text",
      appUrl: "text",
      grievanceDays: "number",
    },
  },
  /** To the worker's e-mail, when the registry has one: both languages, the worker's first. */
  "worker.report-filed.email": {
    channel: "email",
    bilingual: true,
    params: {
      workerNameAr: "text",
      workerNameEn: "text",
      establishmentAr: "text",
      establishmentEn: "text",
      reference: "text",
      lastDayAtWork: "date?",
      appUrl: "text",
      grievanceDays: "number",
    },
  },
  /** To the establishment's address and the user who filed: the receipt of a submitted report. */
  "employer.report-submitted.email": {
    channel: "email",
    bilingual: true,
    params: {
      establishmentAr: "text",
      establishmentEn: "text",
      workerNameAr: "text",
      workerNameEn: "text",
      reference: "text",
      amountBaisa: "omr",
      appUrl: "text",
      reportId: "text",
    },
  },
});

const TEMPLATES = {
  ...workerTemplates,
  ...staffTemplates,
  ...adminTemplates,
  ...financeTemplates,
  ...caseTemplates,
  ...serviceTemplates,
};

type Registry = typeof TEMPLATES;
export type TemplateName = keyof Registry;
export type TemplateParams = { [T in TemplateName]: ParamsOf<Registry[T]> };

// Every name starts with the audience whose catalogue holds its words (else the compiler names the template).
type Misnamed = Exclude<TemplateName, `${TemplateAudience}.${string}`>;
const everyNameHasAnAudience: [Misnamed] extends [never] ? true : Misnamed = true;
void everyNameHasAnAudience;

export type Rendered = { subject?: string; body: string };

/** The channel a template is written for (an SMS has no subject; an e-mail has one). */
export function templateChannel(template: TemplateName): "sms" | "email" {
  return TEMPLATES[template].channel;
}

/** The catalogue entry of a template in one language: `{ body }` or `{ subject, body }`. */
export function templateEntry(template: TemplateName, locale: Locale): { subject?: string; body: string } {
  const [audience, ...path] = template.split(".") as [TemplateAudience, ...string[]];
  let node: MessageTree | string | undefined = templateCatalogues[audience][locale];
  for (const key of path) node = typeof node === "object" ? node[key] : undefined;
  if (typeof node !== "object" || typeof node.body !== "string") {
    throw new Error(`no words for template "${template}" in ${locale}`);
  }
  return node as { subject?: string; body: string };
}

/** The template's parameters as its message reads them: dates, money and reasons in the reader's language. */
function messageArguments(
  kinds: Readonly<Record<string, ParamKind>>,
  params: Record<string, unknown>,
  locale: Locale,
): Params {
  const out: Params = {};
  for (const [name, kind] of Object.entries(kinds)) {
    const value = params[name];
    if (Array.isArray(kind)) {
      out[name] = value as string;
      continue;
    }
    switch (kind) {
      case "text":
        out[name] = value as string;
        break;
      case "number":
        out[name] = value as number;
        break;
      case "date":
        out[name] = formatDate(value as string, locale);
        break;
      case "omr":
        out[name] = formatOmr(value as number, locale);
        break;
      case "reason":
        out[name] = reasonLabel(locale, value as string);
        break;
      case "flag":
        out[name] = value ? "yes" : "no";
        break;
      case "text?":
      case "date?":
        out[name] = !value ? "" : kind === "date?" ? formatDate(value as string, locale) : (value as string);
        out[presenceArgument(name)] = value ? "yes" : "no";
        break;
    }
  }
  return out;
}

/** One language of a template, formatted with the same ICU message format as the pages. */
export function renderTemplateIn<T extends TemplateName>(
  template: T,
  locale: Locale,
  params: TemplateParams[T],
): Rendered {
  const entry = templateEntry(template, locale);
  const args = messageArguments(TEMPLATES[template].params, params as Record<string, unknown>, locale);
  const body = formatMessage(entry.body, args, locale);
  return entry.subject === undefined
    ? { body }
    : { subject: formatMessage(entry.subject, args, locale), body };
}

/** A template as its reader receives it: a bilingual e-mail carries both languages, the reader's first. */
export function renderTemplate<T extends TemplateName>(
  template: T,
  locale: Locale,
  params: TemplateParams[T],
): Rendered {
  const first = renderTemplateIn(template, locale, params);
  if (!(TEMPLATES[template] as TemplateSpec).bilingual) return first;
  const other = renderTemplateIn(template, locale === "ar" ? "en" : "ar", params);
  return {
    subject: `${first.subject} / ${other.subject}`,
    body: `${first.body}\n\n— — —\n\n${other.body}`,
  };
}

/** Every template's name (tests render each one). */
export function templateNames(): TemplateName[] {
  return Object.keys(TEMPLATES) as TemplateName[];
}

/** A template's declared parameter kinds (tests build parameters from them). */
export function templateSpec(template: TemplateName): TemplateSpec {
  return TEMPLATES[template];
}
