import { auditEvents } from "@/db/schema";
import type { Tx } from "@/db";

export type AuditActor = {
  kind: "employer" | "staff" | "worker" | "system" | "anonymous";
  id?: string | null;
};

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/** Writes one audit event; call it inside the transaction that makes the change it records. */
export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    actorKind: e.actor.kind,
    actorId: e.actor.id ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip ?? null,
  });
}
