import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/** scripts/check-client-secrets.mjs on a made-up build directory holding one client chunk. */
function scan(chunk: string, env: Record<string, string> = {}, page?: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "balagh-secrets-"));
  dirs.push(dir);
  mkdirSync(path.join(dir, "static", "chunks"), { recursive: true });
  writeFileSync(path.join(dir, "static", "chunks", "app.js"), chunk);
  if (page) {
    mkdirSync(path.join(dir, "server", "app"), { recursive: true });
    writeFileSync(path.join(dir, "server", "app", "_not-found.html"), page);
  }
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/SECRET|KEY|TOKEN|DATABASE_URL/.test(k)) clean[k] = v;
  const r = spawnSync(process.execPath, ["scripts/check-client-secrets.mjs"], {
    env: { ...clean, ...env, NODE_ENV: "production", NEXT_DIR: dir },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

// Each case starts a Node process: allow for a busy machine.
describe("the client-bundle secret scan", { timeout: 30_000 }, () => {
  it("passes an ordinary chunk", () => {
    const r = scan('"use strict";(()=>{const re_x=1;console.log("sk_","whsec")})();', {
      AUTH_SECRET: "canary-auth-secret-123456",
    });
    expect(r.out).toContain("No secret in");
    expect(r.code).toBe(0);
  });

  it("finds a canary value, wherever it sits", () => {
    const r = scan('var a="prefix-canary-auth-secret-123456-suffix";', {
      AUTH_SECRET: "canary-auth-secret-123456",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("the value of AUTH_SECRET");
  });

  it("finds key patterns, connection strings and server-only names, in pages too", () => {
    for (const [chunk, what] of [
      ['k="sk_live_51Habcdefghijkl"', "Stripe secret"],
      ['k="rk_test_abcdefghij1234"', "Stripe secret"],
      ['k="whsec_abcdefghijklmnop"', "Stripe webhook"],
      ['k="re_123abc45_ABCDEFGHIJKLmnop"', "Resend API key"],
      ['u="postgres://u:p@db:5432/x"', "PostgreSQL"],
      ["process.env.STRIPE_SECRET_KEY", "the name STRIPE_SECRET_KEY"],
      ["e.DATABASE_URL", "the name DATABASE_URL"],
    ] as const) {
      const r = scan(chunk);
      expect(r.code, chunk).toBe(1);
      expect(r.out).toContain(what);
    }
    const r = scan("ok", {}, "<html>postgresql://a@b/c</html>");
    expect(r.code).toBe(1);
    expect(r.out).toContain(path.join("server", "app", "_not-found.html"));
  });
});
