import { billingSelect, type OrgBilling } from "@/lib/billing/entitlements";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { API_SCOPES, type ApiScope } from "./scopes";

const KEY_PREFIX = "lrl_live_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** How much of a key is kept in clear to tell keys apart: the fixed prefix and four characters. */
const SHOWN_LENGTH = KEY_PREFIX.length + 4;
/** lastUsedAt is a hint for people, not a log: hot keys write it at most once a minute. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const createApiKeySchema = z.object({
  name: safeText().trim().min(1).max(100),
  // A refinement, so the field error carries its own reason code rather than a length.
  scopes: z.array(z.enum(API_SCOPES)).max(API_SCOPES.length).refine((scopes) => scopes.length > 0, "scope_required"),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;

/** The dashboard form sends one checkbox per scope, named `scope:<scope>`. */
export const createApiKeyFormSchema = z.preprocess((raw) => {
  const form = (raw ?? {}) as Record<string, unknown>;
  return { name: form.name, scopes: API_SCOPES.filter((scope) => form[`scope:${scope}`] === "on") };
}, createApiKeySchema);

export const apiKeyIdSchema = z.object({ keyId: safeText().min(1).max(100) });

type Actor = { userId?: string; ip?: string };

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export const hashApiKey = (plaintext: string) => createHash("sha256").update(plaintext).digest("hex");

const listedFields = { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

/** Creates a key. The plaintext is in the answer and nowhere else: only its hash is stored. */
export async function createApiKey(organizationId: string, input: CreateApiKeyInput, actor: Actor = {}, plaintext?: string) {
  const secret = plaintext ?? `${KEY_PREFIX}${randomBase62(32)}`;
  const scopes = [...new Set(input.scopes)];
  const key = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { organizationId, name: input.name, prefix: secret.slice(0, SHOWN_LENGTH), keyHash: hashApiKey(secret), scopes, createdById: actor.userId },
      select: listedFields,
    });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      data: { name: created.name, scopes },
      ip: actor.ip,
    });
    return created;
  });
  return { ...key, plaintext: secret };
}

/**
 * Makes sure a key with this exact plaintext exists for the organization, with every scope
 * (the seed's SEED_API_KEY, so scripts and tests can call the API at once). Idempotent.
 */
export async function ensureApiKey(organizationId: string, plaintext: string, name = "Seed key") {
  const existing = await db.apiKey.findUnique({ where: { keyHash: hashApiKey(plaintext) }, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  const key = await createApiKey(organizationId, { name, scopes: [...API_SCOPES] }, {}, plaintext);
  return { id: key.id, created: true };
}

/** An organization's keys, active first, newest first. Never the hash. */
export async function listApiKeys(organizationId: string) {
  const keys = await db.apiKey.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, select: listedFields });
  return [...keys.filter((key) => !key.revokedAt), ...keys.filter((key) => key.revokedAt)];
}

export async function revokeApiKey(organizationId: string, keyId: string, actor: Actor = {}) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { id: keyId, organizationId }, select: { id: true, name: true, revokedAt: true } });
    if (!key) throw new AppError("not_found", "API key not found");
    if (key.revokedAt) return { id: key.id, revokedAt: key.revokedAt };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.userId,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: key.id,
      data: { name: key.name },
      ip: actor.ip,
    });
    return { id: key.id, revokedAt };
  });
}

export type AuthenticatedKey = {
  apiKey: { id: string; scopes: ApiScope[] };
  /** With its billing fields, so the plan's limits need no second query. */
  org: OrgBilling & { name: string };
};

/**
 * The key and its organization, or null for a key that is unknown or revoked: callers answer
 * both the same way, so a revoked key tells nothing more than a made-up one.
 */
export async function authenticateApiKey(plaintext: string, now = new Date()): Promise<AuthenticatedKey | null> {
  if (!plaintext || plaintext.length > 200) return null;
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(plaintext) },
    select: { id: true, scopes: true, revokedAt: true, lastUsedAt: true, organization: { select: { ...billingSelect, name: true } } },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Conditional, so concurrent requests on one key write once between them.
    await db.apiKey.updateMany({
      where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  const scopes = key.scopes.filter((scope): scope is ApiScope => (API_SCOPES as readonly string[]).includes(scope));
  return { apiKey: { id: key.id, scopes }, org: key.organization };
}
