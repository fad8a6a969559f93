import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// A request that says it is for the attacker's site: nothing may build a link from it.
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers({
      host: "attacker.example",
      "x-forwarded-host": "attacker.example",
      "x-forwarded-proto": "https",
      origin: "https://attacker.example",
    }),
  cookies: async () => ({ get: () => undefined }),
}));

const { appBaseUrl } = await import("@/lib/app-url");
const { startupProblems, isPrivateHost } = await import("@/lib/startup-config");
const { clientIpFrom, parseTrustedProxies } = await import("@/lib/security/client-ip");
const { requestIdFrom, safeRequestId } = await import("@/lib/security/request-id");

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["APP_URL", "NODE_ENV", "PORT", "NEXT_PHASE"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
const setEnv = (k: string, v: string | undefined) => {
  if (v === undefined) delete process.env[k];
  else process.env[k] = v;
};

describe("links in messages are built from configuration only (issue 11, finding 1)", () => {
  it("ignores the request's Host and X-Forwarded-Host", async () => {
    setEnv("APP_URL", undefined);
    setEnv("PORT", "3123");
    const url = await appBaseUrl();
    expect(url).toBe("http://localhost:3123");
    expect(url).not.toContain("attacker");
  });

  it("uses APP_URL when set, without a trailing slash", async () => {
    setEnv("APP_URL", "https://balagh.example.om/");
    expect(await appBaseUrl()).toBe("https://balagh.example.om");
  });

  it("refuses to make a link in production without APP_URL", () => {
    setEnv("APP_URL", undefined);
    setEnv("NODE_ENV", "production");
    expect(() => appBaseUrl()).toThrow(/APP_URL/);
  });

  it("no module reads Host or X-Forwarded-Host/Proto to build anything", () => {
    const root = path.resolve(__dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) {
          const text = readFileSync(p, "utf8");
          if (/get\(\s*["'](host|x-forwarded-host|x-forwarded-proto)["']\s*\)/i.test(text))
            offenders.push(path.relative(root, p));
        }
      }
    };
    for (const d of ["lib", "app", "components"]) walk(path.join(root, d));
    walk(path.join(root, "db"));
    expect(offenders).toEqual([]);
  });
});

describe("start-up refusals, one line each (findings 1 and 7)", () => {
  it("production without APP_URL does not start", () => {
    const problems = startupProblems({ NODE_ENV: "production" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^APP_URL is not set/);
    expect(problems[0]).not.toContain("\n");
  });

  it("production with APP_URL starts; development needs nothing", () => {
    expect(startupProblems({ NODE_ENV: "production", APP_URL: "https://balagh.example.om" })).toEqual([]);
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
  });

  it("demo mode on a public address does not start unless explicitly allowed", () => {
    const env = { NODE_ENV: "production", BALAGH_DEMO_MODE: "true", APP_URL: "https://balagh.example.om" };
    const problems = startupProblems(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/demo mode is on .* public address/);
    expect(startupProblems({ ...env, BALAGH_DEMO_ON_PUBLIC_ADDRESS: "true" })).toEqual([]);
    // Development is demo mode too.
    expect(startupProblems({ NODE_ENV: "development", APP_URL: "https://203.0.113.9" })).toHaveLength(1);
  });

  it("demo mode on loopback and private addresses starts", () => {
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:3100",
      "http://10.1.2.3",
      "http://172.20.0.5:8080",
      "http://192.168.1.10",
      "http://[::1]:3000",
      "http://app.localhost",
    ])
      expect(startupProblems({ NODE_ENV: "production", BALAGH_DEMO_MODE: "true", APP_URL: url })).toEqual([]);
    expect(isPrivateHost("172.32.0.1")).toBe(false);
    expect(isPrivateHost("8.8.8.8")).toBe(false);
    expect(isPrivateHost("localhost.attacker.example")).toBe(false);
  });

  it("a malformed TRUSTED_PROXIES or APP_URL is named", () => {
    expect(startupProblems({ NODE_ENV: "development", TRUSTED_PROXIES: "10.0.0.0/99" })[0]).toMatch(
      /TRUSTED_PROXIES/,
    );
    expect(startupProblems({ NODE_ENV: "development", TRUSTED_PROXIES: "lb.internal" })[0]).toMatch(
      /TRUSTED_PROXIES/,
    );
    expect(startupProblems({ NODE_ENV: "production", APP_URL: "javascript:alert(1)" })[0]).toMatch(/APP_URL/);
  });
});

describe("client addresses from trusted proxies only (finding 2)", () => {
  const none = parseTrustedProxies(undefined);

  it("by default the socket's peer is the client, whatever X-Forwarded-For says", () => {
    expect(clientIpFrom("203.0.113.7", "1.2.3.4", none)).toBe("203.0.113.7");
    expect(clientIpFrom("::ffff:203.0.113.7", "1.2.3.4, 5.6.7.8", none)).toBe("203.0.113.7");
    expect(clientIpFrom(null, "1.2.3.4", none)).toBeNull();
  });

  it("one trusted hop: the entry the load balancer appended, not the one the client sent", () => {
    const one = parseTrustedProxies("1");
    // Client 198.51.100.9 sent a forged "1.2.3.4"; the balancer (10.0.0.2) appended what it saw.
    expect(clientIpFrom("10.0.0.2", "1.2.3.4, 198.51.100.9", one)).toBe("198.51.100.9");
    expect(clientIpFrom("10.0.0.2", "198.51.100.9", one)).toBe("198.51.100.9");
    expect(clientIpFrom("10.0.0.2", null, one)).toBe("10.0.0.2");
  });

  it("a CIDR list: walks leftwards past trusted addresses only", () => {
    const list = parseTrustedProxies("10.0.0.0/8, 192.168.1.7");
    expect(clientIpFrom("10.0.0.2", "1.2.3.4, 198.51.100.9, 192.168.1.7", list)).toBe("198.51.100.9");
    // A request straight from the internet: its own header is not believed.
    expect(clientIpFrom("198.51.100.9", "1.2.3.4", list)).toBe("198.51.100.9");
    expect(clientIpFrom("10.0.0.2", "not-an-ip", list)).toBe("10.0.0.2");
  });
});

describe("request ids (finding 6)", () => {
  it("keeps a short plain id and replaces anything else", () => {
    expect(requestIdFrom("abc-123_DEF.4")).toBe("abc-123_DEF.4");
    const long = "a".repeat(4096);
    for (const bad of [long, `<script>"'`, "a b", "", null]) {
      const id = requestIdFrom(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(safeRequestId(`x<>"'`)).toBeNull();
  });
});
