import { readFileSync } from "node:fs";
import path from "node:path";
import { is } from "drizzle-orm";
import { getTableConfig, isPgEnum, PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedDatabaseName, ensureDatabase, sqlClient, usesEmbeddedDatabase } from "@/db";
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "@/db/embedded";
import { migrationsFolder, prepareDatabase } from "@/db/prepare";
import * as schema from "@/db/schema";
import { uniqueSuffix } from "@/tests/helpers/db";

// Every table and enum type declared in db/schema: new ones are checked without touching this file.
const schemaExports: unknown[] = Object.values(schema);
const expectedTables = schemaExports
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => {
    const c = getTableConfig(t);
    return `${c.schema ?? "public"}.${c.name}`;
  })
  .sort();
const expectedEnums = schemaExports
  .filter(isPgEnum)
  .map((e) => `${e.schema ?? "public"}.${e.enumName}`)
  .sort();
const journalEntries = (
  JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

/** The URL of the database the tests use, in either mode. */
async function testDatabaseUrl(): Promise<string> {
  if (!usesEmbeddedDatabase()) return process.env.DATABASE_URL!;
  const { port } = await ensureDatabase();
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${embeddedDatabaseName()}`;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function presentObjects(sql: postgres.Sql): Promise<{ tables: string[]; enums: string[] }> {
  const tables = await sql<{ name: string }[]>`
    select table_schema || '.' || table_name as name
    from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`;
  const enums = await sql<{ name: string }[]>`
    select n.nspname || '.' || t.typname as name
    from pg_type t join pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'e'`;
  return { tables: tables.map((r) => r.name), enums: enums.map((r) => r.name) };
}

async function appliedMigrations(sql: postgres.Sql): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row!.n;
}

describe("database", () => {
  const scratch: { admin?: postgres.Sql; name?: string } = {};

  afterAll(async () => {
    if (scratch.admin && scratch.name) {
      await scratch.admin.unsafe(`drop database if exists "${scratch.name}" with (force)`);
    }
    await scratch.admin?.end();
  });

  it("has every table and enum type of db/schema after the migrations ran on an empty database", async () => {
    expect(expectedTables.length).toBeGreaterThan(0);
    const present = await presentObjects(sqlClient());
    expect(present.tables).toEqual(expect.arrayContaining(expectedTables));
    expect(present.enums).toEqual(expect.arrayContaining(expectedEnums));
    expect(await appliedMigrations(sqlClient())).toBe(journalEntries);
  });

  it("ensureDatabase() called twice at once resolves both calls to a usable database", async () => {
    const [a, b] = await Promise.all([ensureDatabase(), ensureDatabase()]);
    expect(a).toEqual(b);
    if (usesEmbeddedDatabase()) expect(a.port).toBeGreaterThan(0);
    else expect(a.port).toBeNull();
    const [row] = await sqlClient()<{ one: number }[]>`select 1 as one`;
    expect(row?.one).toBe(1);
  });

  it("applies the migrations exactly once when two instances migrate the same empty database at once", async () => {
    const base = await testDatabaseUrl();
    // A fresh, empty database on the same server: where two unlocked migration runs would collide.
    scratch.admin = postgres(base, { max: 1, onnotice: () => {} });
    let url = base;
    try {
      const name = `balagh_migrate_${uniqueSuffix()}`;
      await scratch.admin.unsafe(`create database "${name}"`);
      scratch.name = name;
      url = withDatabaseName(base, name);
    } catch (e) {
      // Without the right to create databases, fall back to the (already migrated) test database.
      if ((e as { code?: string }).code !== "42501") throw e;
    }

    const run = () => prepareDatabase({ url, created: false, seedIfCreated: false });
    await Promise.all([run(), run()]);
    // And once more on a migrated database: nothing to do, no error.
    await run();

    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const present = await presentObjects(sql);
      expect(present.tables).toEqual(expect.arrayContaining(expectedTables));
      expect(present.enums).toEqual(expect.arrayContaining(expectedEnums));
      expect(await appliedMigrations(sql)).toBe(journalEntries);
    } finally {
      await sql.end();
    }
  });
});
