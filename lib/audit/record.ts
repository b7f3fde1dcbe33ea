import type { Prisma } from "@/lib/db/generated/client.ts";
import type { AuditAction } from "./actions";

type Tx = Pick<Prisma.TransactionClient, "auditLog">;

export type AuditEntry = {
  organizationId?: string | null;
  actorId?: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  ip?: string;
};

/** Appends to the audit log, inside the caller's transaction so the record and the change land together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}
