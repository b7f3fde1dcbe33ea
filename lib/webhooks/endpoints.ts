import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { originsOfHosts } from "@/lib/net/allowed-hosts";
import { AppError, fieldError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import { decryptAtRest, encryptAtRest } from "@/lib/ob/keys";
import { isPlainlyNotPublicHost } from "@/lib/ob/fetch/safe-fetch";
import { MAX_ENDPOINTS_PER_ORGANIZATION, type WebhookCreateBody, type WebhookEndpointResponse, type WebhookUpdateBody } from "./api-schemas";
import type { WebhookEventType } from "./catalog";

/** After a rotation, the old secret keeps signing for this long, so receivers can switch over. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

type Actor = { userId?: string; apiKeyId?: string; ip?: string };

/** A Standard Webhooks secret: "whsec_" and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

const seal = (secret: string) => encryptAtRest(new TextEncoder().encode(secret), env().KEY_ENCRYPTION_KEY);
export const openSecret = (sealed: string) => new TextDecoder().decode(decryptAtRest(sealed, env().KEY_ENCRYPTION_KEY));

/**
 * Origins a webhook may reach although they are not public https addresses: only on a
 * self-hosted install, only the hosts WEBHOOK_ALLOWED_HOSTS names (its own network; tests).
 */
export function webhookAllowedOrigins(): string[] {
  const config = env();
  return config.SELF_HOSTED === "true" ? originsOfHosts(config.WEBHOOK_ALLOWED_HOSTS) : [];
}

/**
 * Refuses at the door what delivery would refuse anyway: http, and an address that is plainly
 * not on the public internet (an IP literal or "localhost"). A name that resolves to a private
 * address is refused where each delivery connects (lib/ob/fetch/safe-fetch.ts).
 */
function checkTarget(raw: string, field = "url"): string {
  const url = new URL(raw);
  if (webhookAllowedOrigins().includes(url.origin)) return url.href;
  if (url.protocol !== "https:") throw fieldError(field, "webhook_https_only");
  if (isPlainlyNotPublicHost(url.hostname)) throw fieldError(field, "webhook_address_not_public");
  return url.href;
}

type EndpointRow = Awaited<ReturnType<typeof db.webhookEndpoint.findFirstOrThrow>>;

export function presentEndpoint(row: EndpointRow): WebhookEndpointResponse {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.enabled ? null : ((row.disabledReason as "manual" | "failing" | null) ?? "manual"),
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWebhookEndpoints(organizationId: string): Promise<WebhookEndpointResponse[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" } });
  return rows.map(presentEndpoint);
}

/** The endpoint, when it is this organization's; a malformed or foreign id is simply not found. */
export async function findWebhookEndpoint(organizationId: string, id: string): Promise<EndpointRow> {
  const row = isId(id) ? await db.webhookEndpoint.findFirst({ where: { id, organizationId } }) : null;
  if (!row) throw new AppError("not_found", "Webhook endpoint not found");
  return row;
}

/** A new endpoint; its secret is in the answer and nowhere else in clear. */
export async function createWebhookEndpoint(organizationId: string, input: WebhookCreateBody, actor: Actor = {}): Promise<WebhookEndpointResponse & { secret: string }> {
  const url = checkTarget(input.url);
  const secret = newWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    const count = await tx.webhookEndpoint.count({ where: { organizationId } });
    if (count >= MAX_ENDPOINTS_PER_ORGANIZATION) throw fieldError("url", "webhook_endpoint_limit", { max: MAX_ENDPOINTS_PER_ORGANIZATION });
    const created = await tx.webhookEndpoint.create({
      data: { organizationId, url, events: input.events, description: input.description ?? "", secretEncrypted: seal(secret) },
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "webhook.created", targetType: "webhook", targetId: created.id, data: { url, events: input.events, ...(actor.apiKeyId && { apiKeyId: actor.apiKeyId }) }, ip: actor.ip });
    return created;
  });
  return { ...presentEndpoint(row), secret };
}

export async function updateWebhookEndpoint(organizationId: string, id: string, input: WebhookUpdateBody, actor: Actor = {}): Promise<WebhookEndpointResponse> {
  const existing = await findWebhookEndpoint(organizationId, id);
  const url = input.url === undefined ? undefined : checkTarget(input.url);
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({
      where: { id: existing.id },
      data: {
        ...(url !== undefined && { url }),
        ...(input.events && { events: input.events }),
        ...(input.description !== undefined && { description: input.description }),
        ...(input.enabled === true && { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }),
        ...(input.enabled === false && existing.enabled && { enabled: false, disabledAt: new Date(), disabledReason: "manual" }),
      },
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "webhook.updated", targetType: "webhook", targetId: id, data: { ...input, ...(url && { url }) }, ip: actor.ip });
    return updated;
  });
  return presentEndpoint(row);
}

/** Deletes the endpoint and its delivery log; deliveries under way stop. */
export async function deleteWebhookEndpoint(organizationId: string, id: string, actor: Actor = {}): Promise<void> {
  const existing = await findWebhookEndpoint(organizationId, id);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: existing.id } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "webhook.deleted", targetType: "webhook", targetId: id, data: { url: existing.url }, ip: actor.ip });
  });
}

/**
 * A new secret, shown once; the one it replaces keeps signing (beside it) for 24 hours so a
 * receiver can switch without missing a delivery.
 */
export async function rotateWebhookSecret(organizationId: string, id: string, actor: Actor = {}, now = new Date()): Promise<{ secret: string; previousSecretExpiresAt: string }> {
  const existing = await findWebhookEndpoint(organizationId, id);
  const secret = newWebhookSecret();
  const previousSecretExpiresAt = new Date(now.getTime() + SECRET_OVERLAP_MS);
  await db.$transaction(async (tx) => {
    await tx.webhookEndpoint.update({
      where: { id: existing.id },
      data: { secretEncrypted: seal(secret), previousSecretEncrypted: existing.secretEncrypted, previousSecretExpiresAt },
    });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "webhook.secret_rotated", targetType: "webhook", targetId: id, ip: actor.ip });
  });
  return { secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString() };
}

/** The secrets that sign a delivery now: the current one, and the previous one while it overlaps. */
export function signingSecrets(endpoint: Pick<EndpointRow, "secretEncrypted" | "previousSecretEncrypted" | "previousSecretExpiresAt">, now = new Date()): string[] {
  const secrets = [openSecret(endpoint.secretEncrypted)];
  if (endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) {
    secrets.push(openSecret(endpoint.previousSecretEncrypted));
  }
  return secrets;
}
