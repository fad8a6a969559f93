import { describe, expect, it } from "vitest";
import { localeOfRequest, refusedPage, refusedStatus } from "@/lib/security/malformed";

const get = (path: string) => refusedStatus({ url: `http://x${path}`, method: "GET", contentLength: null });

describe("malformed requests are refused before a page sees them (issue 11, finding 5)", () => {
  it("a NUL in the address: 400", () => {
    expect(get("/en/employer?q=WA%00-2026")).toBe(400);
    expect(get("/api/admin/export/queue/reports?q=%00")).toBe(400);
    expect(get("/ar/admin/queues/reports?q=a%00b")).toBe(400);
  });
  it("a bare % in the path: 400", () => {
    expect(get("/%")).toBe(400);
    expect(get("/en/guide/%")).toBe(400);
    expect(get("/api/health/%")).toBe(400);
    expect(get("/en/guide/50%25")).toBeNull();
  });
  it("a 10,000-character segment: 404", () => expect(get(`/en/${"a".repeat(10_000)}`)).toBe(404));
  it("Auth.js's error page: 400", () => expect(get("/api/auth/error?error=Configuration")).toBe(400));
  it("a 17 MB body: 413", () =>
    expect(
      refusedStatus({ url: "http://x/en/sign-in/employer", method: "POST", contentLength: "17825792" }),
    ).toBe(413));
  it("ordinary requests pass", () => {
    expect(get("/ar/employer?q=WA-2026-000001")).toBeNull();
    expect(get("/en")).toBeNull();
  });
  it("answers in the request's language", () => {
    expect(localeOfRequest("/en/x", "ar")).toBe("en");
    expect(localeOfRequest("/%", "en-GB,en;q=0.9")).toBe("en");
    expect(localeOfRequest("/%", null)).toBe("ar");
    expect(refusedPage(400, "ar")).toContain('lang="ar" dir="rtl"');
    expect(refusedPage(413, "en")).toContain("too large");
  });
});

describe("the sign-in, team, tracking and staff-account actions parse through parseForm (NUL guard)", () => {
  it("none of them calls safeParse directly", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const path = await import("node:path");
    const root = path.resolve(__dirname, "../..");
    const files = [
      ...readdirSync(path.join(root, "lib/auth")).map((f) => `lib/auth/${f}`),
      "lib/employers/actions.ts",
      "lib/reports/tracking-actions.ts",
      "lib/admin/staff-actions.ts",
      "lib/workers/actions.ts",
    ];
    const direct = files.filter((f) => /\.safeParse\(/.test(readFileSync(path.join(root, f), "utf8")));
    expect(direct).toEqual([]);
  });
});
