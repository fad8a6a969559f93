export type EmployerRole = "owner" | "hr_officer";
export type StaffRole = "reviewer" | "finance" | "supervisor";

export type EmployerActor = {
  kind: "employer";
  sessionId: string;
  userId: string;
  establishmentId: string;
  role: EmployerRole;
  name: string;
  email: string;
};
export type StaffActor = {
  kind: "staff";
  sessionId: string;
  userId: string;
  role: StaffRole;
  name: string;
  email: string;
};
export type WorkerActor = {
  kind: "worker";
  sessionId: string;
  workerId: string;
  name: string;
  nameAr: string;
};
export type Actor = EmployerActor | StaffActor | WorkerActor;

/** Thrown by use cases and guards when the actor may not do something; pages and actions turn it into 403. */
export class ForbiddenError extends Error {
  constructor(public readonly code: string = "forbidden") {
    super(code);
    this.name = "ForbiddenError";
  }
}

/** Supervisors may do everything staff may do. */
export function staffHasRole(actor: StaffActor, allowed: readonly StaffRole[]): boolean {
  return actor.role === "supervisor" || allowed.includes(actor.role);
}

export function assertStaffRole(actor: Actor | null, allowed: readonly StaffRole[]): StaffActor {
  if (!actor || actor.kind !== "staff") throw new ForbiddenError("staff_only");
  if (!staffHasRole(actor, allowed)) throw new ForbiddenError("role");
  return actor;
}

export function assertEmployer(
  actor: Actor | null,
  roles: readonly EmployerRole[] = ["owner", "hr_officer"],
): EmployerActor {
  if (!actor || actor.kind !== "employer") throw new ForbiddenError("employer_only");
  if (!roles.includes(actor.role)) throw new ForbiddenError("role");
  return actor;
}
