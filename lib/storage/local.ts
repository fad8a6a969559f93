import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertValidKey, type Storage } from "./types";

/** Files in a local directory (default `.data/uploads` under the working directory; git-ignored). */
export function localStorage(root: string): Storage {
  const base = path.resolve(root);
  const fileOf = (key: string): string => {
    assertValidKey(key);
    const file = path.resolve(base, key);
    // The key pattern already forbids "..": this is a second lock on the same door.
    if (!file.startsWith(base + path.sep)) throw new Error("invalid storage key");
    return file;
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      // The folder above the uploads (`.data`) keeps the default mode: made 700 by the recursive mkdir below, it
      // would shut the embedded PostgreSQL's OS user out of `.data/postgres` (issue 11). Uploads stay private.
      await mkdir(path.dirname(base), { recursive: true });
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Write beside it, then rename: a reader never sees half a file.
      const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(tmp, bytes, { mode: 0o600 });
      await rename(tmp, file);
    },
    async get(key) {
      const file = fileOf(key);
      let size: number;
      try {
        const s = await stat(file);
        if (!s.isFile()) return null;
        size = s.size;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw e;
      }
      const body = Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>;
      return { body, size };
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
