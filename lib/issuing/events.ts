import type { Prisma } from "@/lib/db/generated/client.ts";

export type CredentialEventType =
  | "issued" | "emailed" | "opened" | "claimed" | "declined" | "viewed" | "previewed" | "shared" | "clicked"
  | "downloaded" | "verified" | "revoked" | "renewed" | "expired" | "address_changed";

type Tx = Pick<Prisma.TransactionClient, "credentialEvent">;

/** Appends to a credential's timeline (also what analytics count). */
export async function recordCredentialEvent(
  tx: Tx,
  event: { organizationId: string; credentialId: string; type: CredentialEventType; channel?: string; actorId?: string; data?: Prisma.InputJsonValue },
): Promise<void> {
  await tx.credentialEvent.create({ data: event });
}
