import "server-only";
import { db } from "@/lib/db";
import { isObScope, type ObScope } from "./scopes";

/** The learner's connected apps (/account): each app they allowed, what it may do, and when it last did. */
export type ConnectedApp = { id: string; name: string; clientUri: string | null; scopes: ObScope[]; connectedAt: Date; lastUsedAt: Date | null };

export async function listConnectedApps(userId: string): Promise<ConnectedApp[]> {
  const grants = await db.oAuthGrant.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, scopes: true, createdAt: true, lastUsedAt: true, client: { select: { name: true, clientUri: true } } },
  });
  return grants.map((grant) => ({
    id: grant.id,
    name: grant.client.name,
    clientUri: grant.client.clientUri,
    scopes: grant.scopes.filter(isObScope),
    connectedAt: grant.createdAt,
    lastUsedAt: grant.lastUsedAt,
  }));
}

/** Disconnects an app: its consent, codes and tokens go at once. False when it is not this learner's. */
export async function disconnectApp(userId: string, grantId: string): Promise<boolean> {
  const { count } = await db.oAuthGrant.deleteMany({ where: { id: grantId, userId } });
  return count === 1;
}

/**
 * Whether the learner already allowed this app everything it asks for now: then the consent page
 * is skipped, as people expect of an app they connected (a wallet refreshing its connection).
 */
export async function consentCovers(userId: string, clientId: string, scopes: ObScope[]): Promise<boolean> {
  const grant = await db.oAuthGrant.findUnique({ where: { userId_clientId: { userId, clientId } }, select: { scopes: true } });
  return Boolean(grant) && scopes.every((scope) => grant!.scopes.includes(scope));
}
