import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { billingSelect, entitlementsOf } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { env } from "@/lib/env";
import { originsOfHosts } from "@/lib/net/allowed-hosts";
import { AppError, fieldError } from "@/lib/errors";
import { publicPath } from "@/lib/http/url-contract";
import { isId } from "@/lib/ids";
import { isPlainlyNotPublicHost } from "@/lib/ob/fetch/safe-fetch";
import { decryptAtRest, encryptAtRest } from "@/lib/ob/keys";
import { MESSAGE_TYPES, TOOL_SCOPES } from "./claims";
import { MAX_PLATFORMS_PER_ORGANIZATION, type PlatformInput } from "./schemas";

type Actor = { userId?: string; apiKeyId?: string; ip?: string };

/**
 * The tool's endpoints, one set per organization (the same for each of its platforms): what a
 * platform's admin pastes into the LMS before the LMS gives them the client id to register here.
 */
export type ToolUrls = { loginUrl: string; launchUrl: string; deepLinkUrl: string; jwksUrl: string; configUrl: string };

export type PlatformView = ToolUrls & {
  id: string;
  platform: { issuer: string; clientId: string; authorizationUrl: string; tokenUrl: string; jwksUrl: string; deploymentIds: string[] };
  createdAt: string;
};

export function toolUrls(organizationId: string): ToolUrls {
  const base = env().BASE_URL;
  const at = (name: "ltiLogin" | "ltiLaunch" | "ltiDeepLink" | "ltiJwks" | "ltiConfig") => `${base}${publicPath(name, { orgId: organizationId })}`;
  return { loginUrl: at("ltiLogin"), launchUrl: at("ltiLaunch"), deepLinkUrl: at("ltiDeepLink"), jwksUrl: at("ltiJwks"), configUrl: at("ltiConfig") };
}

/**
 * Origins a platform may have although they are not https on a public address: only those
 * LTI_ALLOWED_HOSTS names (an LMS on the installation's own network; a test platform).
 */
export function ltiAllowedOrigins(): string[] {
  return originsOfHosts(env().LTI_ALLOWED_HOSTS);
}

/**
 * Refuses at the door what fetching would refuse anyway: http, and an address plainly not on the
 * public internet (an IP literal, "localhost"). A name resolving to a private address is refused
 * where each request connects (lib/ob/fetch/safe-fetch.ts).
 */
export function checkPlatformUrl(raw: string, field: string): string {
  const url = new URL(raw);
  if (ltiAllowedOrigins().includes(url.origin)) return url.href;
  if (url.protocol !== "https:") throw fieldError(field, "lti_https_only");
  if (isPlainlyNotPublicHost(url.hostname)) throw fieldError(field, "lti_address_not_public");
  return url.href;
}

const platformSelect = {
  id: true,
  organizationId: true,
  issuer: true,
  clientId: true,
  authorizationUrl: true,
  tokenUrl: true,
  jwksUrl: true,
  deploymentIds: true,
  createdAt: true,
} as const satisfies Prisma.LtiPlatformSelect;

type PlatformRow = Prisma.LtiPlatformGetPayload<{ select: typeof platformSelect }>;

export function presentPlatform(row: PlatformRow): PlatformView {
  return {
    id: row.id,
    ...toolUrls(row.organizationId),
    platform: { issuer: row.issuer, clientId: row.clientId, authorizationUrl: row.authorizationUrl, tokenUrl: row.tokenUrl, jwksUrl: row.jwksUrl, deploymentIds: row.deploymentIds },
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listPlatforms(organizationId: string): Promise<PlatformView[]> {
  const rows = await db.ltiPlatform.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, select: platformSelect });
  return rows.map(presentPlatform);
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** A 2048-bit RSA key for RS256 (what every platform accepts), made off the event loop. */
async function newToolKey(): Promise<{ keyId: string; privateKeyDer: Buffer; publicJwk: Record<string, string> }> {
  const { privateKey, publicKey } = await generateRsaKeyPair("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "der" },
    publicKeyEncoding: { type: "spki", format: "der" },
  });
  const jwk = createPublicKey({ key: publicKey, format: "der", type: "spki" }).export({ format: "jwk" }) as { kty: string; n: string; e: string };
  return { keyId: `lti-${randomBytes(9).toString("base64url")}`, privateKeyDer: privateKey, publicJwk: { kty: jwk.kty, n: jwk.n, e: jwk.e } };
}

/**
 * Registers a platform for the organization. The same issuer and client id twice is refused (a
 * launch must name one registration).
 */
export async function registerPlatform(organizationId: string, input: PlatformInput, actor: Actor = {}): Promise<PlatformView> {
  // The issuer is stored as typed: it must equal the `iss` of the platform's id_tokens exactly.
  checkPlatformUrl(input.issuer, "issuer");
  const urls = {
    issuer: input.issuer,
    authorizationUrl: checkPlatformUrl(input.authorizationUrl, "authorizationUrl"),
    tokenUrl: checkPlatformUrl(input.tokenUrl, "tokenUrl"),
    jwksUrl: checkPlatformUrl(input.jwksUrl, "jwksUrl"),
  };
  if ((await db.ltiPlatform.count({ where: { organizationId } })) >= MAX_PLATFORMS_PER_ORGANIZATION) {
    throw fieldError("issuer", "lti_platform_limit", { max: MAX_PLATFORMS_PER_ORGANIZATION });
  }
  await ensureToolKey(organizationId);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.ltiPlatform.create({
        data: {
          organizationId,
          ...urls,
          clientId: input.clientId,
          deploymentIds: input.deploymentIds,
        },
        select: platformSelect,
      });
      await recordAudit(tx, {
        organizationId,
        actorId: actor.userId,
        action: "lti_platform.registered",
        targetType: "lti_platform",
        targetId: row.id,
        ip: actor.ip,
        data: { issuer: row.issuer, clientId: row.clientId, ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : {}) },
      });
      return presentPlatform(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("clientId", "lti_platform_exists");
    throw error;
  }
}

export async function removePlatform(organizationId: string, platformId: string, actor: Actor = {}): Promise<void> {
  if (!isId(platformId)) throw new AppError("not_found", "Platform not found");
  await db.$transaction(async (tx) => {
    const { count } = await tx.ltiPlatform.deleteMany({ where: { id: platformId, organizationId } });
    if (count === 0) throw new AppError("not_found", "Platform not found");
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "lti_platform.removed", targetType: "lti_platform", targetId: platformId, ip: actor.ip });
  });
}

/**
 * The organization's tool key, made the first time it is needed (a registration, a signature, or
 * the tool's JWKS asked for): the URLs the settings page shows work before any platform is registered.
 */
export async function ensureToolKey(organizationId: string): Promise<void> {
  if (await db.ltiToolKey.findUnique({ where: { organizationId }, select: { id: true } })) return;
  const key = await newToolKey();
  try {
    await db.ltiToolKey.create({
      data: { organizationId, keyId: key.keyId, privateKeyEncrypted: encryptAtRest(key.privateKeyDer, env().KEY_ENCRYPTION_KEY), publicJwk: key.publicJwk },
    });
  } catch (error) {
    // Two first views at once: one key wins, the other is dropped.
    if (!isUniqueViolation(error)) throw error;
  }
}

/** A registration of an organization, for a login naming its issuer (and client id, which platforms send). */
export async function findPlatformFor(organizationId: string, issuer: string, clientId: string | null) {
  if (!isId(organizationId)) return null;
  const candidates = await db.ltiPlatform.findMany({ where: { organizationId, issuer, ...(clientId !== null ? { clientId } : {}) }, select: platformSelect, take: 2 });
  // Without a client id, only an unambiguous issuer names a registration.
  return candidates.length === 1 ? candidates[0] : null;
}

/** What launching needs of a registration. */
export async function findPlatform(platformId: string) {
  if (!isId(platformId)) return null;
  return db.ltiPlatform.findUnique({ where: { id: platformId }, select: platformSelect });
}
export type LaunchPlatform = NonNullable<Awaited<ReturnType<typeof findPlatform>>>;

/** The organization's tool key, decrypted, and its key id: what the tool signs with. */
export async function toolSigningKey(organizationId: string): Promise<{ keyId: string; privateKey: KeyObject }> {
  await ensureToolKey(organizationId);
  const row = await db.ltiToolKey.findUniqueOrThrow({ where: { organizationId }, select: { keyId: true, privateKeyEncrypted: true } });
  const der = decryptAtRest(row.privateKeyEncrypted, env().KEY_ENCRYPTION_KEY);
  return { keyId: row.keyId, privateKey: createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" }) };
}

/**
 * The organization's tool JWK Set (public: platforms verify the tool's JWTs with it); null for an
 * organization that does not exist. The key is made on the first request of an organization whose
 * plan has LTI (the settings page shows this URL before any platform is registered); without the
 * plan, the set is empty.
 */
export async function toolJwks(organizationId: string): Promise<{ keys: object[] } | null> {
  if (!isId(organizationId)) return null;
  const read = () => db.organization.findUnique({ where: { id: organizationId }, select: { ...billingSelect, ltiToolKey: { select: { keyId: true, publicJwk: true } } } });
  let org = await read();
  if (!org) return null;
  if (!org.ltiToolKey && entitlementsOf(org).features.includes("lti")) {
    await ensureToolKey(organizationId);
    org = (await read())!;
  }
  const key = org.ltiToolKey;
  return { keys: key ? [{ ...(key.publicJwk as object), kid: key.keyId, alg: "RS256", use: "sig" }] : [] };
}

/**
 * The configuration a platform's admin pastes, in the shape of a Canvas developer key's JSON
 * (other platforms take the same URLs field by field): the login, launch, deep-link and JWKS
 * URLs, the services' scopes, and where Laurel appears.
 */
export async function toolConfiguration(organizationId: string): Promise<object | null> {
  const org = isId(organizationId) ? await db.organization.findUnique({ where: { id: organizationId }, select: { name: true } }) : null;
  if (!org) return null;
  const urls = toolUrls(organizationId);
  const deepLinking = (placement: string) => ({ placement, message_type: MESSAGE_TYPES.deepLinking, target_link_uri: urls.deepLinkUrl, text: "Laurel badge" });
  return {
    title: `Laurel: ${org.name}`,
    description: "Digital badges and certificates: place a badge in a course and award it from grades.",
    oidc_initiation_url: urls.loginUrl,
    target_link_uri: urls.launchUrl,
    redirect_uris: [urls.launchUrl, urls.deepLinkUrl],
    public_jwk_url: urls.jwksUrl,
    scopes: [...TOOL_SCOPES],
    custom_fields: {},
    extensions: [
      {
        platform: "canvas.instructure.com",
        domain: new URL(urls.launchUrl).host,
        privacy_level: "public",
        settings: { placements: [deepLinking("link_selection"), deepLinking("assignment_selection"), deepLinking("editor_button")] },
      },
    ],
  };
}
