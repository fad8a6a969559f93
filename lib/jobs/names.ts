/** Every queue the job runner knows. Names are stable: pg-boss keeps schedules and jobs under them. */
export const JOB_NAMES = [
  "notifications:dispatch",
  "payments:reconcile",
  "deadlines:daily",
  "statistics:fold",
] as const;
export type JobName = (typeof JOB_NAMES)[number];
