// One timed load with autocannon, from this (the bench's) process. Latency percentiles come from every
// response (Node's HDR histogram; autocannon's own summary has no p95), and throughput is also kept per
// time slice so drift over a long run shows.
import { createHistogram } from "node:perf_hooks";
import autocannon from "autocannon";
import { processTreeCpuMs } from "./cpu.mjs";

const round = (n, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Percentiles of a histogram of microseconds, in milliseconds. */
export function latencySummary(h) {
  if (h.count === 0) return { p50: null, p95: null, p99: null, mean: null, max: null };
  const ms = (us) => round(us / 1000, 2);
  return {
    p50: ms(h.percentile(50)),
    p95: ms(h.percentile(95)),
    p99: ms(h.percentile(99)),
    mean: ms(h.mean),
    max: ms(h.max),
  };
}

/**
 * Waits until the server has worked off what a load left in flight: autocannon stops sending when its time is
 * up, but the server still finishes every request it accepted, and those would otherwise slow the next load.
 * Done when `idleUrl` answers twice in a row within `quickMs` (or after `maxMs`).
 */
export async function waitForIdle(idleUrl, { quickMs = 250, maxMs = 90_000 } = {}) {
  const end = Date.now() + maxMs;
  let quick = 0;
  while (Date.now() < end && quick < 2) {
    const t = performance.now();
    try {
      await (await fetch(idleUrl)).arrayBuffer();
      quick = performance.now() - t < quickMs ? quick + 1 : 0;
    } catch {
      quick = 0;
    }
    if (quick < 2) await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs autocannon for `duration` seconds (after `warmup` seconds of the same load, not counted).
 * `requests` (optional) is autocannon's request sequence; `onResponse` sees every timed response.
 */
export async function runLoad({
  url,
  idleUrl,
  connections,
  duration,
  warmup = 0,
  headers = {},
  requests,
  slices = 6,
  timeout = 30,
  cpuPid = null,
  beforeTimed = null,
}) {
  if (warmup > 0) {
    await autocannon({ url, connections, duration: warmup, headers, requests, timeout });
    if (idleUrl) await waitForIdle(idleUrl);
  }
  const histogram = createHistogram();
  const counts = [];
  const sliceMs = (duration * 1000) / slices;
  if (beforeTimed) await beforeTimed();
  const cpuBefore = cpuPid ? processTreeCpuMs(cpuPid) : null;
  const started = performance.now();
  const instance = autocannon({ url, connections, duration, headers, requests, timeout });
  instance.on("response", (_client, _status, _bytes, responseTime) => {
    histogram.record(Math.max(1, Math.round(responseTime * 1000)));
    const slice = Math.min(slices - 1, Math.floor((performance.now() - started) / sliceMs));
    counts[slice] = (counts[slice] ?? 0) + 1;
  });
  const result = await instance;
  if (idleUrl) await waitForIdle(idleUrl);
  const cpuAfter = cpuPid ? processTreeCpuMs(cpuPid) : null;
  const seconds = result.duration || duration;
  const total = result.requests.total;
  return {
    // The server's CPU time (its process tree, user + system) over the load and the drain after it, per
    // request answered: what one request costs the app, whatever the connection count.
    cpuPerRequestMs:
      cpuBefore !== null && cpuAfter !== null && total > 0 ? round((cpuAfter - cpuBefore) / total, 2) : null,
    connections,
    seconds: round(seconds, 1),
    requests: total,
    rps: round(total / seconds, 1),
    latencyMs: latencySummary(histogram),
    rpsBySlice: Array.from({ length: slices }, (_, i) => round((counts[i] ?? 0) / (sliceMs / 1000), 1)),
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: total ? Math.round(result.throughput.total / total) : null,
  };
}
