import type { Prisma } from "@/lib/db/generated/client.ts";

import type { CredentialEventType } from "@/lib/analytics/events";

export type { CredentialEventType };

type Tx = Pick<Prisma.TransactionClient, "credentialEvent">;

/** Appends to a credential's timeline (also what analytics count). */
export async function recordCredentialEvent(
  tx: Tx,
  event: { organizationId: string; credentialId: string; type: CredentialEventType; channel?: string; actorId?: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.credentialEvent.create({ data: event });
}
