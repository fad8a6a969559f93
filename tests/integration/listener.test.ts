import net from "node:net";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { afterEach, describe, expect, it } from "vitest";
import { embeddedDatabaseName, ensureDatabase, sqlClient, usesEmbeddedDatabase } from "@/db";
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "@/db/embedded";
import { listenResilient, type ResilientListener } from "@/lib/jobs/listener";
import { uniqueSuffix } from "@/tests/helpers/db";

/**
 * A TCP proxy in front of the test database that can be cut (every connection closed, new ones refused) and
 * restored on the same port: a database restart, as the LISTEN connection sees it, without restarting the
 * shared test server.
 */
async function cuttableProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  const listen = (port: number) =>
    new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    restore: () => listen(port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        if (server.listening) server.close(() => resolve());
        else resolve();
      }),
  };
}

async function databaseTarget() {
  if (usesEmbeddedDatabase()) {
    const { port } = await ensureDatabase();
    return {
      host: "127.0.0.1",
      port: port!,
      user: EMBEDDED_USER,
      password: EMBEDDED_PASSWORD,
      database: embeddedDatabaseName(),
    };
  }
  const u = new URL(process.env.DATABASE_URL!);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(50);
  }
  return check();
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

describe("the job runner's LISTEN across a database outage", () => {
  it("subscribes again after an outage longer than postgres.js's own reconnect attempt", async () => {
    const target = await databaseTarget();
    const proxy = await cuttableProxy(target);
    cleanup.push(proxy.close);
    const channel = `test_listen_${uniqueSuffix()}`;
    let wakes = 0;
    const listener: ResilientListener = await listenResilient(channel, () => wakes++, {
      // Through the proxy, and quick to give up connecting, so that the outage below outlasts its retry.
      connect: () =>
        postgres({
          host: "127.0.0.1",
          port: proxy.port,
          user: target.user,
          password: target.password || undefined,
          database: target.database,
          max: 1,
          connect_timeout: 1,
          onnotice: () => {},
        }),
      checkEveryMs: 60 * 60_000,
      pongTimeoutMs: 1_000,
    });
    cleanup.push(listener.stop);

    await sqlClient().notify(channel, "");
    expect(await eventually(() => wakes === 1, 3_000)).toBe(true);
    // Pings are not wake-ups: another process's ping (any `ping:` payload) is ignored too.
    expect(await listener.check()).toBe(true);
    await sqlClient().notify(channel, "ping:someone-else");
    await sleep(300);
    expect(wakes).toBe(1);
    expect(listener.reconnects()).toBe(0);

    // The outage: the listening connection drops and reconnecting fails for 4 s.
    await proxy.cut();
    await sleep(4_000);
    await proxy.restore();
    await sleep(500);
    await sqlClient().notify(channel, "");
    await sleep(1_000);
    // postgres.js gave up: this NOTIFY was not heard (if this starts passing, postgres.js fixed it).
    expect(wakes).toBe(1);

    // The check notices that its ping does not come back and subscribes again.
    expect(await listener.check()).toBe(true);
    expect(listener.reconnects()).toBe(1);
    await sqlClient().notify(channel, "");
    expect(await eventually(() => wakes === 2, 3_000)).toBe(true);
  }, 20_000);

  it("keeps trying while the database is unreachable, and recovers once it is back", async () => {
    const target = await databaseTarget();
    const proxy = await cuttableProxy(target);
    cleanup.push(proxy.close);
    const channel = `test_listen_${uniqueSuffix()}`;
    let wakes = 0;
    await proxy.cut();
    const listener = await listenResilient(channel, () => wakes++, {
      connect: () =>
        postgres({
          host: "127.0.0.1",
          port: proxy.port,
          user: target.user,
          password: target.password || undefined,
          database: target.database,
          max: 1,
          connect_timeout: 1,
          onnotice: () => {},
        }),
      checkEveryMs: 60 * 60_000,
      pongTimeoutMs: 1_000,
    });
    cleanup.push(listener.stop);
    // Down: the check fails without throwing.
    expect(await listener.check()).toBe(false);
    await proxy.restore();
    expect(await listener.check()).toBe(true);
    await sqlClient().notify(channel, "");
    expect(await eventually(() => wakes === 1, 3_000)).toBe(true);
  }, 20_000);
});
