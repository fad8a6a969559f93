/**
 * Issue 11, findings 5 and 6, over raw HTTP against the production build (a browser or fetch would clean up
 * the very addresses under test): malformed requests get our own 400/404/413 page in the request's language,
 * never a 500; a hostile X-Request-Id is never echoed.
 */
import net from "node:net";
import { expect, test } from "@playwright/test";

type Raw = { status: number; headers: Record<string, string>; body: string };

function raw(
  baseURL: string,
  target: string,
  opts: { method?: string; headers?: Record<string, string>; bodyBytes?: number } = {},
): Promise<Raw> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(60_000, () => socket.destroy(new Error(`no answer for ${target.slice(0, 80)}`)));
    socket.on("connect", () => {
      const headers = {
        Host: `${hostname}:${port}`,
        Connection: "close",
        ...(opts.bodyBytes !== undefined ? { "Content-Length": String(opts.bodyBytes) } : {}),
        ...opts.headers,
      };
      socket.write(
        `${opts.method ?? "GET"} ${target} HTTP/1.1\r\n` +
          Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join("") +
          "\r\n",
      );
      // The whole body, as a client would send it (the server answers once it has read the request).
      if (opts.bodyBytes) {
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        for (let sent = 0; sent < opts.bodyBytes; sent += chunk.length)
          socket.write(chunk.subarray(0, Math.min(chunk.length, opts.bodyBytes - sent)));
      }
    });
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", (e) => (chunks.length ? socket.emit("end") : reject(e)));
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...lines] = head.split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(":");
        if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
      socket.destroy();
    });
  });
}

const cases: { name: string; target: string; status: number; lang: "ar" | "en"; method?: string }[] = [
  { name: "NUL in the employer search", target: "/en/employer?q=WA%00-2026", status: 400, lang: "en" },
  {
    name: "NUL in the filing worker search",
    target: "/ar/employer/reports/new?q=%00",
    status: 400,
    lang: "ar",
  },
  { name: "NUL in a staff queue", target: "/en/admin/queues/reports?q=a%00b", status: 400, lang: "en" },
  { name: "NUL in an export", target: "/api/admin/export/queue/reports?q=%00", status: 400, lang: "ar" },
  { name: "bare % at the root", target: "/%", status: 400, lang: "ar" },
  { name: "bare % in a page path", target: "/en/guide/%", status: 400, lang: "en" },
  { name: "bare % in an API path", target: "/api/health/%", status: 400, lang: "ar" },
  { name: "a 10,000-character segment", target: `/en/${"a".repeat(10_000)}`, status: 404, lang: "en" },
  { name: "Auth.js's error page", target: "/api/auth/error?error=Configuration", status: 400, lang: "ar" },
];

test.describe("malformed requests (issue 11, finding 5)", () => {
  for (const c of cases) {
    test(`${c.name}: ${c.status} with our page in ${c.lang}`, async ({ baseURL }) => {
      const r = await raw(baseURL!, c.target);
      expect(r.status).toBe(c.status);
      expect(r.headers["content-type"]).toContain("text/html");
      expect(r.body).toContain(`lang="${c.lang}"`);
      expect(r.body).toContain(c.lang === "ar" ? "بلاغات ترك العمل" : "Work-abandonment");
      // Nothing echoed back in headers (the long path used to come back as ~30 kB of Link headers).
      expect(JSON.stringify(r.headers).length).toBeLessThan(4_000);
    });
  }

  test("a 17 MB body: 413 with our page", async ({ baseURL }) => {
    const r = await raw(baseURL!, "/en/sign-in/employer", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      bodyBytes: 17 * 1024 * 1024,
    });
    expect(r.status).toBe(413);
    expect(r.body).toContain('lang="en"');
  });
});

test("a hostile X-Request-Id is replaced, a plain one kept (finding 6)", async ({ baseURL }) => {
  const hostile = `<script>"'${"x".repeat(4096)}`;
  const r = await raw(baseURL!, "/api/health", { headers: { "X-Request-Id": hostile } });
  expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const plain = await raw(baseURL!, "/api/health", { headers: { "X-Request-Id": "trace-123" } });
  expect(plain.headers["x-request-id"]).toBe("trace-123");
});
