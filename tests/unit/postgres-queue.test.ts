import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * postgres.js 3.4.9's internal Queue, patched by patches/postgres+3.4.9.patch (applied by patch-package on
 * install). Unpatched, a queue that is never fully drained — the pool's `busy` queue under sustained load takes
 * a connection with shift() and puts it back with push() for every query — keeps one empty slot per query
 * forever, and remove() scans them all: throughput falls the longer the load lasts.
 */

type Queue<T> = { readonly length: number; push(x: T): T; shift(): T | undefined; remove(x: T): T | null };
type QueueFactory = <T>(initial?: T[]) => Queue<T>;

const require = createRequire(import.meta.url);
// `require.resolve` gives the CommonJS entry (cjs/src/index.js); the package root is two levels up.
const packageDir = path.resolve(path.dirname(require.resolve("postgres")), "..", "..");

/** Every copy of the queue that can be loaded: ESM (Node's `import`, Next.js), CommonJS (`require`), workerd. */
const variants = ["src/queue.js", "cjs/src/queue.js", "cf/src/queue.js"] as const;

async function loadQueue(file: (typeof variants)[number]): Promise<QueueFactory> {
  const full = path.join(packageDir, file);
  if (file.startsWith("cjs/")) return require(full) as QueueFactory;
  return ((await import(pathToFileURL(full).href)) as { default: QueueFactory }).default;
}

/**
 * Records the longest the queue's internal array ever got. The queue copies its initial array with slice(),
 * and slice() builds an instance of the same Array subclass (Symbol.species), so the queue's own storage — and
 * every compacted copy of it — reports its pushes here.
 */
class TrackedArray<T> extends Array<T> {
  static longest = 0;
  push(...items: T[]): number {
    const n = super.push(...items);
    TrackedArray.longest = Math.max(TrackedArray.longest, n);
    return n;
  }
}

function tracked<T>(items: T[]): T[] {
  const xs = new TrackedArray<T>();
  for (const x of items) xs.push(x);
  TrackedArray.longest = 0;
  return xs;
}

describe("postgres.js queue patch", () => {
  it("the entry points Node resolves are the patched copies", () => {
    // What `import postgres from "postgres"` (and Next.js's bundler) and `require("postgres")` load.
    expect(import.meta.resolve("postgres")).toMatch(/\/postgres\/src\/index\.js$/);
    expect(require.resolve("postgres")).toMatch(/\/postgres\/cjs\/src\/index\.js$/);
    for (const file of variants) {
      expect(readFileSync(path.join(packageDir, file), "utf8"), file).toContain(
        "Balagh patch: compact the consumed prefix",
      );
    }
  });

  for (const file of variants) {
    describe(file, () => {
      it("stays small while never fully drained (the pool's busy queue under sustained load)", async () => {
        const Queue = await loadQueue(file);
        const connections = Array.from({ length: 10 }, (_, i) => ({ id: i }));
        const busy = Queue(tracked(connections));
        let found = 0;
        for (let i = 0; i < 20_000; i++) {
          // index.js handler(): go(busy.shift(), query), then move(c, busy): remove(c) (not found) and push(c).
          const c = busy.shift()!;
          if (busy.remove(c) !== null) found++;
          busy.push(c);
        }
        expect(found).toBe(0);
        expect(busy.length).toBe(10);
        // Unpatched, the array holds 20,010 slots here, all but 10 of them empty.
        expect(TrackedArray.longest).toBeLessThanOrEqual(64);
      });

      it("keeps its order and its contents through compactions and removals", async () => {
        const Queue = await loadQueue(file);
        const q = Queue<number>(tracked([]));
        const model: number[] = [];
        let next = 0;
        // A fixed pseudo-random mix of pushes, shifts and removals, checked against a plain array.
        let seed = 42;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let step = 0; step < 20_000; step++) {
          const r = random();
          if (r < 0.5 || model.length === 0) {
            q.push(next);
            model.push(next++);
          } else if (r < 0.9) {
            expect(q.shift()).toBe(model.shift());
          } else {
            const victim = model[Math.floor(random() * model.length)]!;
            expect(q.remove(victim)).toBe(victim);
            model.splice(model.indexOf(victim), 1);
            expect(q.remove(victim)).toBeNull();
          }
          expect(q.length).toBe(model.length);
        }
        while (model.length) expect(q.shift()).toBe(model.shift());
        expect(q.length).toBe(0);
      });
    });
  }
});
