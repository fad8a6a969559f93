import { asc } from "drizzle-orm";
import { db } from "@/db";
import { governorates } from "@/db/schema";
import { muscatDate } from "@/lib/time";

export type EfilingState = "not_live" | "pilot" | "mandatory";
export type Schedule = { pilotFrom: string | null; mandatoryFrom: string | null };

/** A governorate's electronic-filing state on a Muscat calendar date, from its schedule (DOMAIN.md §2). */
export function efilingStateOn(schedule: Schedule, today: string): EfilingState {
  if (schedule.mandatoryFrom && today >= schedule.mandatoryFrom) return "mandatory";
  if (schedule.pilotFrom && today >= schedule.pilotFrom) return "pilot";
  return "not_live";
}

/** The date the current state began (or the next scheduled date when not live yet). */
export function stateSince(schedule: Schedule, state: EfilingState): string | null {
  if (state === "mandatory") return schedule.mandatoryFrom;
  if (state === "pilot") return schedule.pilotFrom;
  return schedule.pilotFrom ?? schedule.mandatoryFrom;
}

export async function listGovernoratesWithState(at: Date = new Date()) {
  const today = muscatDate(at);
  const rows = await db
    .select()
    .from(governorates)
    .orderBy(asc(governorates.sortOrder), asc(governorates.code));
  return rows.map((g) => {
    const state = efilingStateOn(g, today);
    return { ...g, state, since: stateSince(g, state) };
  });
}
