// A loopback TCP proxy in front of PostgreSQL that records the SQL the app executes, read off the wire
// (PostgreSQL frontend protocol v3): the text of each Parse, and each Bind/Execute of a prepared statement,
// so every execution is counted even when postgres.js reuses a statement it prepared earlier. The bench puts
// it between the app and the database for a short capture phase only (never during the timed loads).
import net from "node:net";

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** Splits a frontend byte stream into messages; calls `onMessage(type, payload)`. */
export function frontendParser(onMessage) {
  let buf = Buffer.alloc(0);
  let startup = true;
  return (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (startup) {
        if (buf.length < 8) return;
        const len = buf.readInt32BE(0);
        if (buf.length < len) return;
        const code = buf.readInt32BE(4);
        buf = buf.subarray(len);
        // An SSL or GSS request is followed by another untyped startup message.
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) startup = false;
        continue;
      }
      if (buf.length < 5) return;
      const type = String.fromCharCode(buf[0]);
      const len = buf.readInt32BE(1);
      if (buf.length < 1 + len) return;
      onMessage(type, buf.subarray(5, 1 + len));
      buf = buf.subarray(1 + len);
    }
  };
}

function cstrings(payload, n) {
  const out = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const end = payload.indexOf(0, at);
    out.push(payload.toString("utf8", at, end));
    at = end + 1;
  }
  return out;
}

/** Normalises a statement for comparison: whitespace collapsed. */
export const normaliseSql = (s) => s.replace(/\s+/g, " ").trim();

/**
 * Starts the proxy on `listenPort`, forwarding to `target` ({ host, port }). `executed` holds one entry per
 * execution ({ at, sql }); `mark()` returns the current position, `since(mark)` what ran after it.
 */
export async function startSqlCapture({ listenPort, target }) {
  const executed = [];
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const statements = new Map();
    let pendingUnnamed = null;
    const parse = frontendParser((type, payload) => {
      if (type === "P") {
        const [name, sql] = cstrings(payload, 2);
        statements.set(name, sql);
        if (name === "") pendingUnnamed = sql;
      } else if (type === "B") {
        const [, name] = cstrings(payload, 2);
        const sql = statements.get(name) ?? (name === "" ? pendingUnnamed : null);
        if (sql !== null && sql !== undefined) executed.push({ at: Date.now(), sql: normaliseSql(sql) });
      } else if (type === "Q") {
        const [sql] = cstrings(payload, 1);
        executed.push({ at: Date.now(), sql: normaliseSql(sql) });
      }
    });
    client.on("data", (d) => {
      try {
        parse(d);
      } catch {
        // Recording is best effort; the bytes are forwarded whatever happens.
      }
      upstream.write(d);
    });
    upstream.on("data", (d) => client.write(d));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
  });
  await new Promise((resolve, reject) =>
    server.once("error", reject).listen(listenPort, "127.0.0.1", resolve),
  );
  return {
    executed,
    mark: () => executed.length,
    since: (mark) => executed.slice(mark).map((e) => e.sql),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
