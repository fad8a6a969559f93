// A small HTTP client for the bench's sign-ins and checks: cookies kept per client, redirects not followed
// (the caller sees each 303 as a browser would, then asks for the next page itself).
import { multipartBody } from "./html-form.mjs";

export class Client {
  constructor(base) {
    this.base = base.replace(/\/$/, "");
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  keepCookies(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(path, init = {}) {
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    const headers = { ...(init.headers ?? {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.keepCookies(res);
    const body = await res.text();
    const location = res.headers.get("location");
    return {
      status: res.status,
      body,
      location: location ? new URL(location, url).pathname + new URL(location, url).search : null,
    };
  }

  get(path) {
    return this.request(path);
  }

  /** Posts a parsed form (with its hidden server-action fields) and `fields`, as a browser without JS would. */
  postForm(path, form, fields = {}, button = null) {
    const { body, contentType } = multipartBody(form, fields, button);
    // A browser sends Origin with a form's POST; Next.js checks it for server actions.
    return this.request(path, {
      method: "POST",
      body,
      headers: { origin: this.base, "content-type": contentType },
    });
  }
}

/** Waits until GET `url` answers 200, or throws after `timeoutMs`. */
export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const end = Date.now() + timeoutMs;
  let last = null;
  while (Date.now() < end) {
    if (!isAlive()) throw new Error(`the server exited while starting (${url})`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${last})`);
}
