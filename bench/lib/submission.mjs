// One full report submission, as an employer without JavaScript makes it: every page of the filing journey
// is fetched, its form read, and posted; the deposit is paid through the local test gateway (demo mode) and
// the journey ends on the confirmation page of a report that is now `submitted`. Each submission files
// against a different worker of the employer's establishment who can be reported now (see `eligibleWorkers`).
import { findForm, hiddenValue, multipartBody } from "./html-form.mjs";

/** Real file headers: what the app's magic-byte check accepts. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n");

/** A Muscat calendar date `days` days ago, as day, month, year strings. */
function dateParts(daysAgo) {
  const d = new Date(Date.now() + 4 * 3600_000 - daysAgo * 86_400_000);
  return {
    lastDayDay: String(d.getUTCDate()),
    lastDayMonth: String(d.getUTCMonth() + 1),
    lastDayYear: String(d.getUTCFullYear()),
  };
}

/**
 * The journey: pairs of (GET a page, POST its form). `form` names the fields (or hidden inputs) that pick
 * the right form on the page; `pick` narrows further; `fields` is what the person types; `next` is where
 * the POST must redirect (303). The first page is fixed; each later page is where the previous POST went.
 */
export const JOURNEY = [
  {
    // Screen 1: the civil ID; the worker's record is then shown on the same page, to confirm.
    name: "find worker",
    path: "/ar/employer/reports/new",
    form: ["civilId"],
    fields: (ctx) => ({ civilId: ctx.civilId }),
    next: "/ar/employer/reports/new?worker=",
  },
  { name: "confirm worker", form: ["workerId"], fields: () => ({}), next: "/edit/absence" },
  {
    // Screen 2: the absence, on one page.
    name: "absence",
    form: ["lastDayDay", "workGovernorateCode", "contactAttempts"],
    fields: () => ({
      ...dateParts(10),
      workGovernorateCode: "MA",
      workAddress: "Building 12, Way 3301, Ruwi, Muscat",
      contactAttempts:
        "Called his mobile three times and sent a message; no answer since the last day at work.",
    }),
    next: "/edit/evidence",
  },
  {
    // Screen 3: the documents.
    name: "evidence",
    form: ["bank_statement"],
    fields: () => ({
      bank_statement: { filename: "bank-statement.pdf", type: "application/pdf", data: PDF },
      municipality_licence: { filename: "licence.pdf", type: "application/pdf", data: PDF },
      address_proof: { filename: "address.pdf", type: "application/pdf", data: PDF },
    }),
    next: "/edit/check",
  },
  {
    // Screen 4: check your answers; the four Art. 2 statements ticked, then on to payment.
    name: "check answers and declare",
    form: ["declDisputeBeforeAbsence"],
    fields: () => ({
      declDisputeBeforeAbsence: "yes",
      declWorkerLeftCountryKnown: "yes",
      declOnLegalLeave: "yes",
      declResignationAccepted: "yes",
    }),
    next: "/pay",
  },
  {
    // Screen 5: the deposit.
    name: "pay",
    form: ["reportId"],
    pick: (f) => f.fields.length === 0,
    fields: () => ({}),
    next: "/ar/dev/pay/",
  },
  {
    // Screen 6: the payment page (the local test gateway); screen 7 is the confirmation.
    name: "gateway approve",
    form: ["sessionId", "decision"],
    pick: (f) => hiddenValue(f, "decision") === "approve",
    fields: () => ({}),
    next: "/confirmation",
  },
];

/** The requests of one submission, in order: GET and POST for each step, then GET the confirmation. */
export const REQUESTS_PER_SUBMISSION = JOURNEY.length * 2 + 1;

export function formOf(step, html) {
  const forms = [];
  const all = findAllForms(html, step.form);
  for (const f of all) if (!step.pick || step.pick(f)) forms.push(f);
  if (forms.length === 0) throw new Error(`step "${step.name}": no matching form`);
  return forms[0];
}

function findAllForms(html, names) {
  // findForm throws when none matches; collect every match by trimming the page after each one found.
  const out = [];
  let rest = html;
  for (;;) {
    let f;
    try {
      f = findForm(rest, names);
    } catch {
      break;
    }
    out.push(f);
    const key = f.hidden.find(([n]) => n.startsWith("$ACTION"))?.[0] ?? names[0];
    const at = rest.indexOf(`name="${key}"`);
    const end = rest.indexOf("</form>", at);
    if (at < 0 || end < 0) break;
    rest = rest.slice(end + 7);
  }
  return out;
}

/** The POST of a step as raw request parts (for autocannon) — path, body, content type. */
export function stepPost(step, ctx) {
  const form = formOf(step, ctx.html);
  const { body, contentType } = multipartBody(form, step.fields(ctx));
  return { path: ctx.page, body, contentType };
}

/** Where a step's POST went, when it went where the journey expects; else an Error. */
export function checkRedirect(step, status, location) {
  if (status !== 303 || !location || !location.includes(step.next)) {
    return new Error(`step "${step.name}": expected 303 to …${step.next}…, got ${status} ${location ?? ""}`);
  }
  return location;
}

/**
 * Workers of the establishment that can be reported now: permit active and held there, no report open
 * (awaiting payment, submitted, approved) and no draft (a draft would be resumed, not started).
 */
export async function eligibleWorkers(sql, establishmentId, limit) {
  const rows = await sql`
    select w.civil_id from workers w
    where w.establishment_id = ${establishmentId} and w.permit_status = 'active'
      and not exists (
        select 1 from reports r
        where r.worker_id = w.id and r.status in ('draft', 'awaiting_payment', 'submitted', 'approved'))
    order by w.civil_id
    limit ${limit}`;
  return rows.map((r) => r.civil_id);
}

/** One submission with the bench's HTTP client, step by step (a check before the load, and for tests). */
export async function submitOnce(client, civilId) {
  const ctx = { civilId, page: JOURNEY[0].path, html: "" };
  for (const step of JOURNEY) {
    const page = await client.get(ctx.page);
    if (page.status !== 200) throw new Error(`step "${step.name}": GET ${ctx.page} answered ${page.status}`);
    ctx.html = page.body;
    const post = stepPost(step, ctx);
    const res = await client.request(post.path, {
      method: "POST",
      body: post.body,
      headers: { origin: client.base, "content-type": post.contentType },
    });
    const next = checkRedirect(step, res.status, res.location);
    if (next instanceof Error) throw next;
    ctx.page = next;
  }
  const done = await client.get(ctx.page);
  if (done.status !== 200) throw new Error(`confirmation: GET ${ctx.page} answered ${done.status}`);
  return ctx.page;
}
