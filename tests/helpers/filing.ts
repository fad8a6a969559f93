import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db, type Tx } from "@/db";
import { employerUsers, establishments, workers } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";
import { localStorage } from "@/lib/storage/local";
import { addDays, muscatDate } from "@/lib/time";
import { uniqueDigits, uniqueSuffix } from "./db";

/** Real file headers: what the magic-byte check looks at. */
export const PDF_BYTES = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<<>>\n%%EOF\n",
);
export const PNG_BYTES = Uint8Array.from(
  Buffer.from(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b0f2d80000000049454e44ae426082",
    "hex",
  ),
);

export async function tempStorage() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "balagh-filing-"));
  return { dir, storage: localStorage(dir) };
}

/** A Muscat calendar date `days` days before today. */
export const daysAgo = (days: number, now = new Date()) => addDays(muscatDate(now), -days);

export async function makeEstablishment(over: Partial<typeof establishments.$inferInsert> = {}, tx: Tx = db) {
  const s = uniqueSuffix();
  const [row] = await tx
    .insert(establishments)
    .values({
      crNumber: uniqueDigits(7),
      nameAr: `منشأة اختبار ${s}`,
      nameEn: `Test Establishment ${s}`,
      governorateCode: "MA",
      address: "Al Khuwair, Muscat",
      municipalityLicenceNumber: `MM/TEST/${s}`,
      email: `est-${s}@example.com`,
      phone: "+96824000000",
      ...over,
    })
    .returning();
  return row!;
}

export async function makeEmployer(establishmentId: string, tx: Tx = db): Promise<EmployerActor> {
  const s = uniqueSuffix();
  const [u] = await tx
    .insert(employerUsers)
    .values({
      establishmentId,
      role: "owner",
      name: `Owner ${s}`,
      email: `owner-${s}@example.com`,
      emailVerifiedAt: new Date(),
    })
    .returning();
  return {
    kind: "employer",
    sessionId: randomUUID(),
    userId: u!.id,
    establishmentId,
    role: "owner",
    name: u!.name,
    email: u!.email,
  };
}

export async function makeWorker(
  establishmentId: string | null,
  over: Partial<typeof workers.$inferInsert> = {},
  tx: Tx = db,
) {
  const s = uniqueSuffix();
  const [w] = await tx
    .insert(workers)
    .values({
      civilId: uniqueDigits(9),
      passportNumber: `P${uniqueDigits(7)}`,
      nameAr: `عامل ${s}`,
      nameEn: `Worker ${s}`,
      nationality: "IN",
      dateOfBirth: "1990-01-01",
      mobile: "+96891234567",
      establishmentId,
      occupation: "Mason",
      permitNumber: `WPT${uniqueDigits(9)}`,
      permitStatus: "active",
      enteredOmanOn: "2020-01-01",
      ...over,
    })
    .returning();
  return w!;
}

/** An establishment with its owner and one active worker. */
export async function makeEmployerWithWorker(workerOver: Partial<typeof workers.$inferInsert> = {}) {
  const establishment = await makeEstablishment();
  const actor = await makeEmployer(establishment.id);
  const worker = await makeWorker(establishment.id, workerOver);
  return { establishment, actor, worker };
}
