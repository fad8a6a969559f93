import type { ActorRef } from "@/lib/lifecycle/machine";
import { Refusal } from "@/lib/lifecycle/refusal";

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

/**
 * Thrown by use cases and guards when the actor may not do something; pages and actions turn it into 403
 * (forms show `forbidden`). A Refusal (lib/lifecycle/refusal.ts) whose code says which check failed:
 * `staff_only`, `employer_only`, `role`, or `forbidden`.
 */
export class ForbiddenError extends Refusal {
  constructor(code: string = "forbidden") {
    super(code);
    this.name = "ForbiddenError";
  }
}

/** The actor as the lifecycles see them (lib/lifecycle/machine.ts). */
export function actorRef(actor: Actor): ActorRef {
  switch (actor.kind) {
    case "employer":
      return { kind: "employer", id: actor.userId, establishmentId: actor.establishmentId };
    case "worker":
      return { kind: "worker", id: actor.workerId };
    case "staff":
      return staffRef(actor);
  }
}

export function staffRef(actor: StaffActor): ActorRef {
  return { kind: "staff", id: actor.userId, role: actor.role };
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
