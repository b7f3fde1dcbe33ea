import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { cleanText } from "@/lib/text";
import { MEDIA_TYPES } from "./claims";
import { LtiServiceError } from "./errors";
import { getServiceJson, nextLink, postTokenRequest } from "./platform-http";
import { toolSigningKey } from "./platforms";

/**
 * LTI Advantage services, as a tool calls them: an OAuth 2.0 access token by client_credentials
 * with a `private_key_jwt` client assertion signed by the tool's key (Security Framework §4.1),
 * then Assignment and Grade Services 2.0 (line items, results) and Names and Role Provisioning
 * Services 2.0 (the course roster, paged by `Link: rel="next"`).
 */

export type ServicePlatform = { id: string; organizationId: string; clientId: string; tokenUrl: string };

type CachedToken = { token: string; expiresAt: number };
// A cache only (each instance asks for its own token when it lacks one): tokens live about an hour.
const tokens = new Map<string, CachedToken>();
const EARLY_RENEWAL_MS = 30_000;
const MAX_PAGES = 100;

/** Forgets cached access tokens (tests). */
export function forgetAccessTokens(): void {
  tokens.clear();
}

/** An access token for these scopes, from the cache until shortly before it expires. */
export async function accessToken(platform: ServicePlatform, scopes: readonly string[]): Promise<string> {
  const key = `${platform.id} ${platform.tokenUrl} ${[...scopes].sort().join(" ")}`;
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const { keyId, privateKey } = await toolSigningKey(platform.organizationId);
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: "RS256", kid: keyId, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomBytes(16).toString("base64url"))
    .sign(privateKey);
  const answer = await postTokenRequest(platform.tokenUrl, {
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
    scope: scopes.join(" "),
  });
  const token = answer.access_token;
  if (typeof token !== "string" || !token) throw new LtiServiceError("service_malformed", "the token endpoint answered without an access_token");
  const lifetime = typeof answer.expires_in === "number" && answer.expires_in > 0 ? answer.expires_in * 1000 : 3_600_000;
  tokens.set(key, { token, expiresAt: Date.now() + Math.max(0, lifetime - EARLY_RENEWAL_MS) });
  return token;
}

/** Every page of a paged container: the items under `field` of each, following rel="next". */
async function allPages(url: string, token: string, accept: string, items: (json: unknown) => unknown[]): Promise<unknown[]> {
  const found: unknown[] = [];
  let next: string | null = url;
  for (let page = 0; next && page < MAX_PAGES; page++) {
    const { json, link }: { json: unknown; link: string | undefined } = await getServiceJson(next, token, accept);
    found.push(...items(json));
    next = nextLink(link, next);
  }
  return found;
}

const str = (value: unknown, max = 500) => (typeof value === "string" && value.trim() ? cleanText(value.trim()).slice(0, max) : null);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : null);

export type LineItem = { id: string; label: string; scoreMaximum: number | null };

/** The course's line items (gradebook columns), from the lineitems URL of the AGS claim. */
export async function listLineItems(platform: ServicePlatform, lineitemsUrl: string, scopes: readonly string[]): Promise<LineItem[]> {
  const token = await accessToken(platform, scopes);
  const raw = await allPages(lineitemsUrl, token, MEDIA_TYPES.lineItems, (json) => (Array.isArray(json) ? json : []));
  return raw.flatMap((item) => {
    const value = item as Record<string, unknown>;
    const id = str(value.id, 2000);
    return id ? [{ id, label: str(value.label, 200) ?? id, scoreMaximum: num(value.scoreMaximum) }] : [];
  });
}

/** The results service of a line item: its URL with /results added to the path (the query kept). */
export function resultsUrl(lineItemUrl: string, userId?: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/$/, "")}/results`;
  if (userId) url.searchParams.set("user_id", userId);
  return url.href;
}

export type Result = { userId: string; score: number | null; maximum: number | null };

/** A line item's results (each learner's current score), or one learner's. */
export async function listResults(platform: ServicePlatform, lineItemUrl: string, scopes: readonly string[], userId?: string): Promise<Result[]> {
  const token = await accessToken(platform, scopes);
  const raw = await allPages(resultsUrl(lineItemUrl, userId), token, MEDIA_TYPES.results, (json) => (Array.isArray(json) ? json : []));
  return raw.flatMap((item) => {
    const value = item as Record<string, unknown>;
    const user = str(value.userId, 255);
    return user ? [{ userId: user, score: num(value.resultScore), maximum: num(value.resultMaximum) }] : [];
  });
}

export type Member = { userId: string; email: string | null; name: string | null; roles: string[]; active: boolean };

/** The course roster from Names and Role Provisioning Services, every page. */
export async function listMembers(platform: ServicePlatform, membershipsUrl: string, scopes: readonly string[]): Promise<Member[]> {
  const token = await accessToken(platform, scopes);
  const raw = await allPages(membershipsUrl, token, MEDIA_TYPES.memberships, (json) => {
    const members = (json as { members?: unknown })?.members;
    return Array.isArray(members) ? members : [];
  });
  return raw.flatMap((item) => {
    const value = item as Record<string, unknown>;
    const userId = str(value.user_id, 255);
    if (!userId) return [];
    const name = str(value.name, 200) ?? ([str(value.given_name, 100), str(value.family_name, 100)].filter(Boolean).join(" ") || null);
    return [{
      userId,
      email: str(value.email, 320)?.toLowerCase() ?? null,
      name,
      roles: Array.isArray(value.roles) ? value.roles.filter((role): role is string => typeof role === "string") : [],
      active: value.status === undefined || value.status === "Active",
    }];
  });
}
