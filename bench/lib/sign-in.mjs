// Real sign-ins through the running app, as a person without JavaScript would do them: the employer's
// password form; the staff password form then the authenticator code (otplib, from the seeded key); the
// worker's civil ID, then the SMS code read from the `notifications` table (the outbox). Each returns the
// session cookie Auth.js set, which the load then sends with every request.
import { authenticator } from "otplib";
import { findForm } from "./html-form.mjs";
import { Client } from "./http.mjs";

const SESSION_COOKIE = "authjs.session-token";

function sessionCookieOf(client, who) {
  const value = client.cookies.get(SESSION_COOKIE);
  if (!value) throw new Error(`${who}: signed in, but no ${SESSION_COOKIE} cookie came back`);
  return `${SESSION_COOKIE}=${value}`;
}

function expectRedirect(res, to, who) {
  if (res.status !== 303 || !res.location?.startsWith(to)) {
    const hint = res.body.match(/<title>([^<]*)<\/title>/)?.[1] ?? "";
    throw new Error(
      `${who}: expected a redirect to ${to}, got HTTP ${res.status} ${res.location ?? ""} ${hint}`,
    );
  }
}

export async function signInEmployer(base, { email, password }) {
  const c = new Client(base);
  const page = await c.get("/ar/sign-in/employer");
  const form = findForm(page.body, ["email", "password"], "the employer sign-in page");
  const res = await c.postForm("/ar/sign-in/employer", form, { email, password });
  expectRedirect(res, "/ar/employer", `employer ${email}`);
  return sessionCookieOf(c, `employer ${email}`);
}

/** A staff code is accepted once: when this period's code was already used, wait for the next one. */
export async function signInStaff(base, { email, password, totpSecret }, log = () => {}) {
  const c = new Client(base);
  const page = await c.get("/ar/sign-in/staff");
  const form = findForm(page.body, ["email", "password"], "the staff sign-in page");
  const step2 = await c.postForm("/ar/sign-in/staff", form, { email, password });
  if (step2.status !== 200)
    throw new Error(`staff ${email}: the password step answered HTTP ${step2.status}`);
  for (let attempt = 0; attempt < 2; attempt++) {
    const codeForm = findForm(step2.body, ["code"], "the staff code step");
    const res = await c.postForm("/ar/sign-in/staff", codeForm, { code: authenticator.generate(totpSecret) });
    if (res.status === 303) {
      expectRedirect(res, "/ar/admin", `staff ${email}`);
      return sessionCookieOf(c, `staff ${email}`);
    }
    const wait = authenticator.timeRemaining() + 1;
    log(`staff code refused (already used in this 30-second period?): waiting ${wait} s for the next one`);
    await new Promise((r) => setTimeout(r, wait * 1000));
    step2.body = res.body;
  }
  throw new Error(`staff ${email}: the authenticator code was refused twice`);
}

/** `sql`: a postgres.js client on the app's database, to read the code from the outbox. */
export async function signInWorker(base, { civilId }, sql) {
  const c = new Client(base);
  const page = await c.get("/ar/sign-in/worker");
  const form = findForm(page.body, ["civilId"], "the worker sign-in page");
  const startedAt = new Date(Date.now() - 5_000);
  const sent = await c.postForm("/ar/sign-in/worker", form, { civilId });
  expectRedirect(sent, "/ar/sign-in/worker?step=code", `worker ${civilId}`);
  if (!sent.location.includes("sent=1")) {
    throw new Error(
      `worker ${civilId}: no code was sent (${sent.location}); at most 3 codes per civil ID are sent in 15 minutes — wait, or run again later`,
    );
  }
  const [row] = await sql`
    select n.body from notifications n
    join workers w on w.mobile = n.recipient
    where w.civil_id = ${civilId} and n.channel = 'sms' and n.template = 'worker.sign-in-code-sms' and n.created_at >= ${startedAt}
    order by n.created_at desc limit 1`;
  const code = row?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code)
    throw new Error(`worker ${civilId}: no sign-in code in the outbox (was it already sent and redacted?)`);
  const codePage = await c.get(sent.location);
  const codeForm = findForm(codePage.body, ["code"], "the worker code step");
  const res = await c.postForm(sent.location, codeForm, { code });
  expectRedirect(res, "/ar/worker", `worker ${civilId}`);
  return sessionCookieOf(c, `worker ${civilId}`);
}
