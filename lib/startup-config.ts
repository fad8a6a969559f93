import { isIP } from "node:net";
import { normalizeIp, parseTrustedProxies } from "@/lib/security/client-ip";

/**
 * Settings a server must not start without, checked once at start-up (instrumentation.ts and the job worker).
 * Each problem is one line saying what is wrong and what to set (issue 11).
 */
type Env = Record<string, string | undefined>;

/** Loopback, private (RFC 1918, unique local IPv6), link-local and `localhost` names. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const ip = normalizeIp(host);
  if (!ip) return false;
  if (isIP(ip) === 4) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  return ip === "::1" || /^f[cd]/i.test(ip) || /^fe[89ab]/i.test(ip);
}

function demoModeOn(env: Env): boolean {
  return env.NODE_ENV !== "production" || env.BALAGH_DEMO_MODE === "true";
}

/** Every reason this configuration may not serve, one line each (empty: start). */
export function startupProblems(env: Env = process.env): string[] {
  const problems: string[] = [];
  const appUrl = env.APP_URL?.trim();
  let host: string | null = null;
  if (appUrl) {
    try {
      const u = new URL(appUrl);
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error("protocol");
      host = u.hostname.replace(/^\[|\]$/g, "");
    } catch {
      problems.push(`APP_URL=${appUrl} is not an http(s) address such as https://balagh.example.om`);
    }
  } else if (env.NODE_ENV === "production") {
    problems.push(
      "APP_URL is not set: set it to this service's public address (e.g. https://balagh.example.om); links in e-mails and SMS are built from it, never from the request's Host",
    );
  }
  if (host && demoModeOn(env) && !isPrivateHost(host) && env.BALAGH_DEMO_ON_PUBLIC_ADDRESS !== "true") {
    problems.push(
      `demo mode is on and APP_URL (${appUrl}) is a public address: demo mode shows staff passwords and every message to anyone; turn it off (unset BALAGH_DEMO_MODE) or, for a public demonstration with no real data, set BALAGH_DEMO_ON_PUBLIC_ADDRESS=true`,
    );
  }
  try {
    parseTrustedProxies(env.TRUSTED_PROXIES);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return problems;
}

/** Refuses to start (exit 1) with one line per problem. */
export function assertStartupConfig(env: Env = process.env): void {
  const problems = startupProblems(env);
  if (problems.length === 0) return;
  for (const p of problems) console.error(`Balagh will not start: ${p}`);
  process.exit(1);
}
