import { createHash } from "node:crypto";
import {
  DEMO_WORKERS,
  ESTABLISHMENTS,
  NAME_TRADITIONS,
  NATIONALITY_WEIGHTS,
  OCCUPATIONS,
  RECENT_ARRIVALS,
  SECTORS_EMPLOYING_WOMEN,
  SEED_REFERENCE_DATE,
  type NamePart,
  type NationalityCode,
  type PermitStatus,
  type Sector,
  type WorkerSeed,
} from "./data";

/** Fixed PRNG seed: change it and every generated worker changes. */
export const SEED = 0x0ba1a6;

/** mulberry32: a tiny, fast, seedable 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = {
  next: () => number;
  /** Integer in [min, max], both inclusive. */
  int: (min: number, max: number) => number;
  chance: (p: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  weighted: <T>(items: readonly (readonly [T, number])[]) => T;
  digits: (n: number) => string;
  letters: (n: number, alphabet?: string) => string;
};

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(0, items.length - 1)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    digits: (n) => Array.from({ length: n }, () => String(int(0, 9))).join(""),
    letters: (n, alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ") =>
      Array.from({ length: n }, () => alphabet.charAt(int(0, alphabet.length - 1))).join(""),
  };
}

/**
 * A stable UUID (version 5 layout, SHA-1 of a name) for a seeded row, so two runs on empty databases produce
 * the same ids as well as the same data.
 */
export function seedUuid(kind: string, key: string): string {
  const bytes = createHash("sha1").update(`balagh-seed:${kind}:${key}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// --- dates (whole days, UTC) -------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addYears(iso: string, years: number): string {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  // 29 February in a year without one: the next day.
  return md === "02-29" && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-03-01` : `${y}-${md}`;
}

// --- identifiers -----------------------------------------------------------------------------------------

/** Passport numbers in the shapes each country issues. */
export function passportNumber(rng: Rng, nationality: NationalityCode): string {
  switch (nationality) {
    case "IN": // one letter, seven digits: K4821937
      return rng.letters(1, "JKLMNPRSTUVWZ") + String(rng.int(1, 9)) + rng.digits(6);
    case "BD": // two letters, seven digits: BQ0483927
      return rng.pick(["A", "B", "E"]) + rng.letters(1) + rng.digits(7);
    case "PK": // two letters, seven digits: AB1234567
      return rng.letters(2) + rng.digits(7);
    case "EG": // one letter, eight digits: A12345678
      return rng.pick(["A", "A", "B"]) + rng.digits(8);
    case "PH": // P, seven digits, one letter: P3370915B
      return "P" + rng.digits(7) + rng.letters(1, "ABC");
    case "NP": // eight digits (machine-readable passports): 09812345
      return "0" + String(rng.int(7, 9)) + rng.digits(6);
    case "LK": // N, seven digits: N1234567
      return "N" + rng.digits(7);
  }
}

/** Foreign mobile numbers in E.164 for workers who kept their home SIM. */
export function foreignMobile(rng: Rng, nationality: NationalityCode): string {
  switch (nationality) {
    case "IN":
      return "+91" + String(rng.int(7, 9)) + rng.digits(9);
    case "BD":
      return "+8801" + String(rng.int(3, 9)) + rng.digits(8);
    case "PK":
      return "+923" + String(rng.int(0, 4)) + rng.digits(8);
    case "EG":
      return "+201" + rng.pick(["0", "1", "2", "5"]) + rng.digits(8);
    case "PH":
      return "+639" + rng.digits(9);
    case "NP":
      return "+97798" + rng.digits(8);
    case "LK":
      return "+947" + rng.pick(["0", "1", "2", "5", "6", "7", "8"]) + rng.digits(7);
  }
}

export function omaniMobile(rng: Rng): string {
  // Omani mobile numbers start with 9, or with 71, 72, 78 or 79.
  return rng.chance(0.8) ? "+9689" + rng.digits(7) : "+9687" + rng.pick(["1", "2", "8", "9"]) + rng.digits(6);
}

function emailLocalPart(part: NamePart): string {
  return part[0].toLowerCase().replace(/[^a-z]+/g, "");
}

function unique(used: Set<string>, make: () => string): string {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const value = make();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
  throw new Error("could not generate a unique value");
}

// --- the registry ----------------------------------------------------------------------------------------

const NATIONALITIES: readonly NationalityCode[] = ["IN", "BD", "PK", "EG", "PH", "NP", "LK"];

function weightsOf<K extends string>(record: Readonly<Partial<Record<K, number>>>, keys: readonly K[]) {
  return keys.flatMap((k) => {
    const w = record[k];
    return w ? [[k, w] as const] : [];
  });
}

export function makeName(
  rng: Rng,
  nationality: NationalityCode,
  sector: Sector,
): { en: string; ar: string; female: boolean; given: NamePart; family: NamePart } {
  const tradition = rng.weighted(NAME_TRADITIONS[nationality].map((t) => [t, t.weight] as const));
  const female =
    SECTORS_EMPLOYING_WOMEN.includes(sector) &&
    tradition.female.length > 0 &&
    rng.chance(tradition.femaleShare);
  const parts: NamePart[] = [];
  if (!female && tradition.prefix && rng.chance(tradition.prefix.p)) parts.push(tradition.prefix.part);
  const given = rng.pick(female ? tradition.female : tradition.male);
  parts.push(given);
  if (!female && tradition.fatherNameP !== undefined && rng.chance(tradition.fatherNameP)) {
    const father = rng.pick(tradition.male);
    if (father[0] !== given[0]) parts.push(father);
  }
  const family = rng.pick(female && tradition.femaleFamily ? tradition.femaleFamily : tradition.family);
  if (family[0] !== given[0]) parts.push(family);
  return {
    en: parts.map((p) => p[0]).join(" "),
    ar: parts.map((p) => p[1]).join(" "),
    female,
    given,
    family,
  };
}

/**
 * The whole worker registry: the fixed demo workers first, then the generated ones, establishment by
 * establishment. Pure and deterministic: the same list on every call.
 */
export function buildWorkers(): WorkerSeed[] {
  const rng = createRng(SEED);
  const civilIds = new Set(DEMO_WORKERS.map((w) => w.civilId));
  const permits = new Set(DEMO_WORKERS.map((w) => w.permitNumber));
  const passports = new Set(DEMO_WORKERS.map((w) => w.passportNumber));
  const mobiles = new Set(DEMO_WORKERS.map((w) => w.mobile));
  const emails = new Set(DEMO_WORKERS.flatMap((w) => (w.email ? [w.email] : [])));

  const reference = toDay(SEED_REFERENCE_DATE);
  const oldestBirth = toDay(addYears(SEED_REFERENCE_DATE, -59)) + 1; // 58 at most
  const youngestBirth = toDay(addYears(SEED_REFERENCE_DATE, -21)); // 21 at least
  const registryOpens = toDay("2012-01-01");
  const lastOrdinaryEntry = toDay("2026-10-31");
  if (lastOrdinaryEntry >= reference) throw new Error("SEED_REFERENCE_DATE must be after 2026-10-31");

  const workers: WorkerSeed[] = [...DEMO_WORKERS];
  for (const establishment of ESTABLISHMENTS) {
    const fixed = DEMO_WORKERS.filter((w) => w.crNumber === establishment.crNumber).length;
    const recent = RECENT_ARRIVALS.find((r) => r.crNumber === establishment.crNumber)?.enteredOmanOn ?? [];
    const nationalityWeights = weightsOf(NATIONALITY_WEIGHTS[establishment.sector], NATIONALITIES);

    for (let i = 0; i < establishment.headcount - fixed; i++) {
      const nationality = rng.weighted(nationalityWeights);
      const name = makeName(rng, nationality, establishment.sector);
      const occupations = OCCUPATIONS[establishment.sector].filter((o) => !name.female || o.women);
      const occupation = rng.weighted(occupations.map((o) => [o.title, o.weight] as const));

      const dateOfBirth = fromDay(rng.int(oldestBirth, youngestBirth));
      const earliestEntry = Math.max(registryOpens, toDay(addYears(dateOfBirth, 20)));
      const recentEntry = recent[i];
      const enteredOmanOn = recentEntry ?? fromDay(rng.int(earliestEntry, lastOrdinaryEntry));
      const permitStatus: PermitStatus =
        recentEntry !== undefined
          ? "active"
          : rng.weighted([
              ["active", 86],
              ["cancelled", 8],
              ["transferred", 6],
            ] as const);

      const civilId = unique(civilIds, () => String(rng.int(110_000_000, 999_999_999)));
      const mobile = unique(mobiles, () =>
        rng.chance(0.06) ? foreignMobile(rng, nationality) : omaniMobile(rng),
      );
      const email = rng.chance(0.4)
        ? unique(
            emails,
            () =>
              `${emailLocalPart(name.given)}.${emailLocalPart(name.family)}${rng.chance(0.5) ? String(rng.int(1, 99)) : ""}@` +
              rng.weighted([
                ["example.com", 6],
                ["example.net", 2],
                ["example.org", 2],
              ] as const),
          )
        : null;

      workers.push({
        civilId,
        passportNumber: unique(passports, () => passportNumber(rng, nationality)),
        nameEn: name.en,
        nameAr: name.ar,
        nationality,
        dateOfBirth,
        mobile,
        email,
        crNumber: establishment.crNumber,
        occupation,
        permitNumber: unique(permits, () => "WP" + String(rng.int(1, 9)) + rng.digits(7)),
        permitStatus,
        enteredOmanOn,
      });
    }
  }
  return workers;
}
