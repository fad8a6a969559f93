import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDatabase } from "@/db";
import * as schema from "@/db/schema";
import { AL_NOOR_CR, buildSeedData, DEMO_ACCOUNTS, SOHAR_TRADING_CR, seedDatabase } from "@/db/seed";
import { verifyPassword } from "@/lib/auth/password";

const { governorates, establishments, workers, employerUsers, staffUsers } = schema;

const data = buildSeedData();
const crNumbers = data.establishments.map((e) => e.crNumber);
const civilIds = data.workers.map((w) => w.civilId);
const employerEmails = DEMO_ACCOUNTS.employer.map((a) => a.email);
const staffEmails = DEMO_ACCOUNTS.staff.map((a) => a.email);
/** The three demo workers and every 17th generated one. */
const sampleCivilIds = civilIds.filter((_, i) => i < 3 || i % 17 === 0);

/** Everything the seed owns, as stored: counts (all rows, and the seed's own) and full rows of a sample. */
async function snapshot() {
  const total = async (table: typeof governorates | typeof establishments | typeof workers) =>
    (await db.select({ n: count() }).from(table))[0]?.n;
  return {
    totals: {
      governorates: await total(governorates),
      establishments: await total(establishments),
      workers: await total(workers),
      employerUsers: (await db.select({ n: count() }).from(employerUsers))[0]?.n,
      staffUsers: (await db.select({ n: count() }).from(staffUsers))[0]?.n,
    },
    seeded: {
      establishments: (
        await db
          .select({ n: count() })
          .from(establishments)
          .where(inArray(establishments.crNumber, crNumbers))
      )[0]?.n,
      workers: (await db.select({ n: count() }).from(workers).where(inArray(workers.civilId, civilIds)))[0]
        ?.n,
    },
    governorates: await db.select().from(governorates).orderBy(asc(governorates.code)),
    establishments: await db
      .select()
      .from(establishments)
      .where(inArray(establishments.crNumber, crNumbers))
      .orderBy(asc(establishments.crNumber)),
    workers: await db
      .select()
      .from(workers)
      .where(inArray(workers.civilId, sampleCivilIds))
      .orderBy(asc(workers.civilId)),
    employerUsers: await db
      .select()
      .from(employerUsers)
      .where(inArray(employerUsers.email, employerEmails))
      .orderBy(asc(employerUsers.email)),
    staffUsers: await db
      .select()
      .from(staffUsers)
      .where(inArray(staffUsers.email, staffEmails))
      .orderBy(asc(staffUsers.email)),
  };
}

beforeAll(async () => {
  await ensureDatabase();
});

describe("seedDatabase", () => {
  it("is idempotent: two more runs leave the same rows", async () => {
    const started = Date.now();
    await seedDatabase(db);
    const afterFirst = await snapshot();
    await seedDatabase(db);
    const afterSecond = await snapshot();
    // Re-runs hash nothing, so they are quick.
    expect(Date.now() - started).toBeLessThan(6_000);

    expect(afterSecond).toEqual(afterFirst);
    expect(afterFirst.seeded).toEqual({ establishments: crNumbers.length, workers: civilIds.length });
    expect(afterFirst.governorates).toHaveLength(11);
    expect(afterFirst.workers).toHaveLength(sampleCivilIds.length);
    expect(afterFirst.employerUsers).toHaveLength(3);
    expect(afterFirst.staffUsers).toHaveLength(3);
  });

  it("builds the same data on every call (seeded PRNG, no Math.random)", () => {
    expect(buildSeedData()).toEqual(data);
  });

  it("generates a plausible registry", () => {
    expect(data.establishments.length).toBeGreaterThanOrEqual(14);
    expect(data.workers.length).toBeGreaterThanOrEqual(320);
    expect(new Set(civilIds).size).toBe(civilIds.length);
    expect(new Set(data.workers.map((w) => w.permitNumber)).size).toBe(data.workers.length);
    for (const w of data.workers) {
      expect(w.civilId).toMatch(/^[1-9]\d{8}$/);
      expect(w.permitNumber).toMatch(/^WP\d{8}$/);
      expect(w.passportNumber).toMatch(/^[A-Z0-9]{6,12}$/);
      expect(w.mobile).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(w.nameAr).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(w.nameEn).toMatch(/^[A-Za-z ]+$/);
      if (w.email !== null) expect(w.email).toMatch(/^[a-z0-9.]+@example\.(com|net|org)$/);
      expect(w.enteredOmanOn >= "2012-01-01").toBe(true);
    }
    for (const e of data.establishments) {
      expect(e.crNumber).toMatch(/^\d{7}$/);
      expect(e.phone).toMatch(/^\+968[279]\d{7}$/);
    }
    const byNationality = new Map<string, number>();
    for (const w of data.workers)
      byNationality.set(w.nationality, (byNationality.get(w.nationality) ?? 0) + 1);
    const ranked = [...byNationality.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    expect(ranked.slice(0, 2).sort()).toEqual(["BD", "IN"]);
    expect(ranked.sort()).toEqual(["BD", "EG", "IN", "LK", "NP", "PH", "PK"]);
  });

  it("stores the fixed demo establishments, workers and accounts", async () => {
    const [alNoor] = await db.select().from(establishments).where(eq(establishments.crNumber, AL_NOOR_CR));
    expect(alNoor).toMatchObject({
      nameAr: "شركة النور للمقاولات ش.م.م",
      nameEn: "Al Noor Contracting LLC",
      governorateCode: "MA",
      email: "info@alnoor.example.om",
    });
    const [sohar] = await db
      .select()
      .from(establishments)
      .where(eq(establishments.crNumber, SOHAR_TRADING_CR));
    expect(sohar).toMatchObject({
      nameAr: "مؤسسة صحار للتجارة",
      nameEn: "Sohar Trading Est.",
      governorateCode: "BN",
      email: "info@sohar-trading.example.om",
    });
    if (!alNoor || !sohar) throw new Error("demo establishments missing");

    const activeAt = async (establishmentId: string) =>
      (
        await db
          .select({ n: count() })
          .from(workers)
          .where(and(eq(workers.establishmentId, establishmentId), eq(workers.permitStatus, "active")))
      )[0]?.n ?? 0;
    expect(await activeAt(alNoor.id)).toBeGreaterThanOrEqual(40);
    expect(await activeAt(sohar.id)).toBeGreaterThanOrEqual(20);

    const demo = await db
      .select()
      .from(workers)
      .where(inArray(workers.civilId, ["100000001", "100000002", "100000003"]))
      .orderBy(asc(workers.civilId));
    expect(
      demo.map((w) => [
        w.civilId,
        w.nameEn,
        w.nameAr,
        w.nationality,
        w.establishmentId,
        w.permitStatus,
        w.mobile,
        w.email,
        w.enteredOmanOn,
      ]),
    ).toEqual([
      [
        "100000001",
        "Ramesh Kumar",
        "راميش كومار",
        "IN",
        alNoor.id,
        "active",
        "+96891000001",
        "ramesh.kumar@example.com",
        "2019-03-10",
      ],
      [
        "100000002",
        "Mohammed Rafiq Hossain",
        "محمد رفيق حسين",
        "BD",
        alNoor.id,
        "active",
        "+96891000002",
        null,
        "2021-06-01",
      ],
      [
        "100000003",
        "Maria Santos",
        "ماريا سانتوس",
        "PH",
        sohar.id,
        "active",
        "+96891000003",
        "maria.santos@example.com",
        "2022-01-15",
      ],
    ]);

    // Some workers arrived less than a month before the seed's reference date.
    const [recent] = await db
      .select({ n: count() })
      .from(workers)
      .where(and(eq(workers.establishmentId, alNoor.id), sql`${workers.enteredOmanOn} > '2026-10-28'`));
    expect(recent?.n).toBeGreaterThan(0);

    const [muscat] = await db.select().from(governorates).where(eq(governorates.code, "MA"));
    expect(muscat).toMatchObject({ nameEn: "Muscat", nameAr: "مسقط", pilotFrom: "2016-12-13" });

    for (const account of DEMO_ACCOUNTS.employer) {
      const [row] = await db
        .select()
        .from(employerUsers)
        .where(sql`lower(${employerUsers.email}) = ${account.email.toLowerCase()}`);
      expect(row).toMatchObject({ role: account.role, name: account.name, active: true });
      expect(row?.emailVerifiedAt).toBeInstanceOf(Date);
      expect(row?.establishmentId).toBe(account.crNumber === AL_NOOR_CR ? alNoor.id : sohar.id);
      expect(await verifyPassword(row?.passwordHash, account.password)).toBe(true);
    }
    for (const account of DEMO_ACCOUNTS.staff) {
      const [row] = await db
        .select()
        .from(staffUsers)
        .where(sql`lower(${staffUsers.email}) = ${account.email.toLowerCase()}`);
      expect(row).toMatchObject({
        role: account.role,
        name: account.name,
        active: true,
        totpSecret: account.totpSecret,
      });
      expect(row?.totpEnrolledAt).toBeInstanceOf(Date);
      expect(await verifyPassword(row?.passwordHash, account.password)).toBe(true);
    }
  });
});
