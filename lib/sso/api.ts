import "server-only";
import { notFound } from "@/lib/errors";
import { getSsoConnection, listApiSsoConnections, presentSsoConnection, removeSsoConnection, saveSsoConnection } from "./connections";
import { listDomains } from "./domains";
import type { SsoConnectionInput, SsoConnectionResponse } from "./schemas";

export { listApiSsoConnections };

type Actor = { apiKeyId?: string; ip?: string };

/** POST /api/v1/sso/connections: saves (or replaces) the organization's connection. */
export async function saveApiSsoConnection(organizationId: string, input: SsoConnectionInput, actor: Actor): Promise<SsoConnectionResponse> {
  const row = await saveSsoConnection(organizationId, input, actor);
  return presentSsoConnection(row, await listDomains(organizationId));
}

/** DELETE /api/v1/sso/connections/{id} */
export async function removeApiSsoConnection(organizationId: string, id: string, actor: Actor): Promise<void> {
  const row = await getSsoConnection(organizationId);
  if (!row || row.id !== id) throw notFound("Single sign-on connection not found");
  await removeSsoConnection(organizationId, actor);
}
