// CPU time of a server under test (issue 12: "CPU per request"), read from /proc: the process and every
// process it started (Next.js may run its server in a child), user + system time, in milliseconds.
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statOf(pid) {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after its closing ')'.
    const rest = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `pid` and its descendants (null off Linux). */
export function processTreeCpuMs(pid) {
  let entries;
  try {
    entries = readdirSync("/proc").filter((n) => /^\d+$/.test(n));
  } catch {
    return null;
  }
  const children = new Map();
  const stats = new Map();
  for (const name of entries) {
    const s = statOf(name);
    if (!s) continue;
    stats.set(Number(name), s);
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(Number(name));
  }
  let ticks = 0;
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    ticks += stats.get(p)?.ticks ?? 0;
    todo.push(...(children.get(p) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The phase totals an app writes with BALAGH_PHASE_FILE (lib/perf/phases.ts), or null. */
export function readPhases(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** Per-request CPU of each phase between two readings of the phase file, and the rest as the render. */
export function phaseSplit(before, after, cpuPerRequestMs) {
  if (!after || cpuPerRequestMs === null) return null;
  const per = (name) => {
    const a = after[name];
    const b = before?.[name] ?? { count: 0, cpuUs: 0, wallUs: 0 };
    const n = a.count - b.count;
    if (n <= 0) return null;
    return {
      requests: n,
      cpuMs: Math.round(((a.cpuUs - b.cpuUs) / n / 1000) * 100) / 100,
      wallMs: Math.round(((a.wallUs - b.wallUs) / n / 1000) * 100) / 100,
    };
  };
  const proxy = per("proxy");
  const session = per("session");
  const render = Math.round((cpuPerRequestMs - (proxy?.cpuMs ?? 0) - (session?.cpuMs ?? 0)) * 100) / 100;
  return { proxy, session, renderAndFrameworkCpuMs: render };
}
