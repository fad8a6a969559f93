import { eq } from "drizzle-orm";
import { db } from "@/db";
import { establishments, governorates } from "@/db/schema";
import type { EmployerActor } from "@/lib/auth/actor";

/** The signed-in employer's own establishment (never another's). */
export async function getOwnEstablishment(actor: EmployerActor) {
  const [row] = await db
    .select({ establishment: establishments, governorate: governorates })
    .from(establishments)
    .innerJoin(governorates, eq(governorates.code, establishments.governorateCode))
    .where(eq(establishments.id, actor.establishmentId));
  return row ?? null;
}
