/**
 * The grounds and statement limits for the browser: the same values as the `grievance_ground` enum
 * (db/schema/grievances.ts), without importing the database schema into client code. A unit test keeps the
 * two lists equal.
 */
export const GRIEVANCE_GROUND_VALUES = [
  "at_work",
  "salary_unpaid",
  "resignation_accepted",
  "on_leave",
  "other",
] as const;
export const STATEMENT_LIMITS = { min: 10, max: 2000 } as const;
