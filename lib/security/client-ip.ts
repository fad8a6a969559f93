import { BlockList, isIP } from "node:net";

/**
 * The client's address, from sources this deployment trusts only (issue 11).
 *
 * Next.js gives route handlers and server actions no socket, and it keeps an `X-Forwarded-For` sent by the
 * client as it is (it fills the header only when it is missing). patches/next+16.4.6.patch therefore writes the
 * TCP peer's address into `x-balagh-peer` on every request, replacing whatever a client sent under that name.
 *
 * TRUSTED_PROXIES says who stands in front of the app:
 * - unset or empty (the default): nobody. The client is the socket's peer; `X-Forwarded-For` is ignored.
 * - a number N: N reverse proxies (load balancers) in a chain; each appends the address it received the request
 *   from to `X-Forwarded-For`, so the client is the N-th entry from the right.
 * - a comma-separated list of addresses or CIDR ranges (`10.0.0.0/8, 192.168.1.7`): walking from the socket's
 *   peer leftwards through `X-Forwarded-For`, the first address not in the list is the client.
 * An entry the client wrote itself can only ever be to the left of the trusted ones, so it is never taken.
 */
export const PEER_HEADER = "x-balagh-peer";

export type TrustedProxies =
  { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: BlockList; text: string };

/** The address without IPv4-in-IPv6 wrapping (`::ffff:10.0.0.1` is `10.0.0.1`), or null when it is none. */
export function normalizeIp(value: string | null | undefined): string | null {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.includes("]")) v = v.slice(1, v.indexOf("]"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1]!;
  return isIP(v) ? v : null;
}

/** TRUSTED_PROXIES parsed; throws an Error naming the bad entry. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const text = (raw ?? "").trim();
  if (text === "" || text === "0" || text.toLowerCase() === "none") return { kind: "none" };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new Error(`TRUSTED_PROXIES=${text}: at most 10 proxy hops`);
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [addr, bits, extra] = part.split("/");
    const ip = normalizeIp(addr);
    const family = ip ? (isIP(ip) === 4 ? "ipv4" : "ipv6") : null;
    const max = family === "ipv4" ? 32 : 128;
    if (!ip || !family || extra !== undefined)
      throw new Error(`TRUSTED_PROXIES: "${part}" is neither a number of hops nor an address or CIDR range`);
    if (bits === undefined) list.addAddress(ip, family);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > max)
        throw new Error(`TRUSTED_PROXIES: "${part}" has an impossible prefix length`);
      list.addSubnet(ip, prefix, family);
    }
  }
  return { kind: "list", list, text };
}

function isTrusted(list: BlockList, ip: string): boolean {
  return list.check(ip, isIP(ip) === 4 ? "ipv4" : "ipv6");
}

/** The client's address given the socket's peer and the `X-Forwarded-For` header (null when unknown). */
export function clientIpFrom(
  peer: string | null | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | null {
  const socket = normalizeIp(peer);
  if (trusted.kind === "none" || !socket) return socket;
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (trusted.kind === "hops") {
    if (trusted.hops === 0) return socket;
    // The socket is the last proxy; it and the hops-1 before it appended their peers.
    const entry = chain[chain.length - trusted.hops];
    return entry === undefined ? (chain.length ? normalizeIp(chain[0]) : socket) : normalizeIp(entry);
  }
  let current = socket;
  for (let i = chain.length - 1; i >= 0 && isTrusted(trusted.list, current); i--) {
    const next = normalizeIp(chain[i]);
    if (!next) return current;
    current = next;
  }
  return current;
}

let cached: { raw: string | undefined; parsed: TrustedProxies } | null = null;

/** TRUSTED_PROXIES of this process (checked at start-up by lib/startup-config.ts). */
export function trustedProxies(): TrustedProxies {
  const raw = process.env.TRUSTED_PROXIES;
  if (!cached || cached.raw !== raw) cached = { raw, parsed: parseTrustedProxies(raw) };
  return cached.parsed;
}
