import { writeFileSync } from "node:fs";

/**
 * Where a request's CPU goes, for `npm run bench` (issue 12): with BALAGH_PHASE_FILE set, the proxy and the
 * session check add their CPU time (process.cpuUsage, user + system) and wall time to per-process totals,
 * written to that file (JSON) at most twice a second. Off by default: then `timePhase` only calls `fn`.
 *
 * The bench reads the file around a load at one connection, where requests do not overlap, so the CPU spent
 * between a phase's start and end is that phase's (the rest of the request's CPU is the render). The totals
 * live on globalThis because Next.js loads the proxy and the pages as separate module instances.
 */
export type PhaseName = "proxy" | "session";
type Totals = Record<PhaseName, { count: number; cpuUs: number; wallUs: number }>;
type Holder = { __balaghPhases?: { totals: Totals; dirty: boolean; timer: NodeJS.Timeout | null } };

const file = process.env.BALAGH_PHASE_FILE;

function state() {
  const h = globalThis as unknown as Holder;
  h.__balaghPhases ??= {
    totals: {
      proxy: { count: 0, cpuUs: 0, wallUs: 0 },
      session: { count: 0, cpuUs: 0, wallUs: 0 },
    },
    dirty: false,
    timer: null,
  };
  return h.__balaghPhases;
}

function record(name: PhaseName, cpu: NodeJS.CpuUsage, wallMs: number) {
  const s = state();
  const t = s.totals[name];
  t.count += 1;
  t.cpuUs += cpu.user + cpu.system;
  t.wallUs += Math.round(wallMs * 1000);
  s.dirty = true;
  s.timer ??= setTimeout(() => {
    s.timer = null;
    if (!s.dirty) return;
    s.dirty = false;
    writeFileSync(file!, JSON.stringify(s.totals));
  }, 500);
  s.timer.unref?.();
}

/** Runs `fn` and, when phase timing is on, adds its CPU and wall time to `name`'s totals. */
export function timePhase<T>(name: PhaseName, fn: () => T): T {
  if (!file) return fn();
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const done = () => record(name, process.cpuUsage(cpu), performance.now() - wall);
  const out = fn();
  if (out instanceof Promise) return out.finally(done) as T;
  done();
  return out;
}
