import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/tokens";
import { safeText } from "@/lib/text";
import { ALL_OB_SCOPES, parseScopeParameter, type ObScope } from "./scopes";

/**
 * OAuth 2.0 Dynamic Client Registration (RFC 7591) for the Open Badges 3.0 API: any wallet or
 * badge platform registers itself, then asks each learner for consent. Registration grants
 * nothing by itself, so it is open (and rate-limited per address by its route).
 */

export const MAX_REDIRECT_URIS = 10;
const MAX_URI_LENGTH = 2000;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * Redirect URIs a client may register (RFC 8252 for native apps): https, http on the loopback
 * interface, or a private-use scheme in reverse-domain form (`com.example.wallet:/callback`).
 * Never a fragment; never `javascript:` or `data:` (no dot in those schemes).
 */
export function redirectUriProblem(value: string): string | null {
  if (value.length > MAX_URI_LENGTH) return "too_long";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "invalid_url";
  }
  if (url.hash || value.includes("#")) return "fragment";
  if (url.protocol === "https:") return url.hostname ? null : "invalid_url";
  if (url.protocol === "http:") return LOOPBACK_HOSTS.has(url.hostname) ? null : "https_required";
  return /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(url.protocol) ? null : "scheme_not_allowed";
}

const httpsUri = safeText()
  .max(MAX_URI_LENGTH)
  .refine((value) => {
    try {
      return new URL(value).protocol === "https:";
    } catch {
      return false;
    }
  }, "https_required");

const optionalText = (max: number) => safeText().trim().max(max).optional();

export const clientRegistrationSchema = z.object({
  client_name: safeText().trim().min(1).max(100),
  redirect_uris: z.array(safeText()).min(1).max(MAX_REDIRECT_URIS),
  client_uri: httpsUri.optional(),
  logo_uri: httpsUri.optional(),
  tos_uri: httpsUri.optional(),
  policy_uri: httpsUri.optional(),
  software_id: optionalText(200),
  software_version: optionalText(100),
  scope: safeText().max(1000).optional(),
  grant_types: z.array(z.enum(["authorization_code", "refresh_token"])).min(1).optional(),
  response_types: z.array(z.literal("code")).min(1).optional(),
  token_endpoint_auth_method: z.enum(["client_secret_basic", "client_secret_post", "none"]).optional(),
  contacts: z.array(safeText().max(200)).max(10).optional(),
});
export type ClientRegistration = z.infer<typeof clientRegistrationSchema>;

/** RFC 7591's error answer: `invalid_redirect_uri` or `invalid_client_metadata`, with the field and the reason. */
export class RegistrationError extends Error {
  constructor(
    readonly error: "invalid_redirect_uri" | "invalid_client_metadata",
    readonly description: string,
  ) {
    super(description);
  }
}

export type RegisteredClient = {
  client_id: string;
  client_secret?: string;
  client_id_issued_at: number;
  client_secret_expires_at?: 0;
  client_name: string;
  redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: string;
  scope: string;
  client_uri?: string;
  logo_uri?: string;
  tos_uri?: string;
  policy_uri?: string;
  software_id?: string;
  software_version?: string;
};

function parseRegistration(body: unknown): ClientRegistration & { scopes: ObScope[] } {
  const parsed = clientRegistrationSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? "body");
    const error = field === "redirect_uris" ? "invalid_redirect_uri" : "invalid_client_metadata";
    throw new RegistrationError(error, `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const input = parsed.data;
  input.redirect_uris.forEach((uri, index) => {
    const problem = redirectUriProblem(uri);
    if (problem) throw new RegistrationError("invalid_redirect_uri", `redirect_uris.${index}: ${problem}`);
  });
  const scopes = input.scope === undefined ? [...ALL_OB_SCOPES] : parseScopeParameter(input.scope);
  if (!scopes || scopes.length === 0) throw new RegistrationError("invalid_client_metadata", "scope: unknown_scope");
  if (input.grant_types && !input.grant_types.includes("authorization_code")) {
    throw new RegistrationError("invalid_client_metadata", "grant_types: authorization_code_required");
  }
  return { ...input, scopes };
}

/** Registers a client; a confidential one gets its secret in this answer only. */
export async function registerClient(body: unknown): Promise<RegisteredClient> {
  const input = parseRegistration(body);
  const method = input.token_endpoint_auth_method ?? "client_secret_basic";
  const secret = method === "none" ? undefined : randomBytes(32).toString("base64url");
  const client = await db.oAuthClient.create({
    data: {
      id: `lc_${randomBytes(16).toString("base64url")}`,
      secretHash: secret ? hashToken(secret) : null,
      name: input.client_name,
      clientUri: input.client_uri ?? null,
      logoUri: input.logo_uri ?? null,
      tosUri: input.tos_uri ?? null,
      policyUri: input.policy_uri ?? null,
      softwareId: input.software_id ?? null,
      softwareVersion: input.software_version ?? null,
      redirectUris: [...new Set(input.redirect_uris)],
      scopes: input.scopes,
      tokenEndpointAuthMethod: method,
    },
  });
  return {
    client_id: client.id,
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 as const } : {}),
    client_id_issued_at: Math.floor(client.createdAt.getTime() / 1000),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: method,
    scope: client.scopes.join(" "),
    ...(client.clientUri ? { client_uri: client.clientUri } : {}),
    ...(client.logoUri ? { logo_uri: client.logoUri } : {}),
    ...(client.tosUri ? { tos_uri: client.tosUri } : {}),
    ...(client.policyUri ? { policy_uri: client.policyUri } : {}),
    ...(client.softwareId ? { software_id: client.softwareId } : {}),
    ...(client.softwareVersion ? { software_version: client.softwareVersion } : {}),
  };
}

const CLIENT_ID = /^lc_[A-Za-z0-9_-]{22}$/;

export type OAuthClientRow = NonNullable<Awaited<ReturnType<typeof findClient>>>;

/** A registered client by its id; null for an id of the wrong shape (no query) or an unknown one. */
export async function findClient(clientId: unknown) {
  if (typeof clientId !== "string" || !CLIENT_ID.test(clientId)) return null;
  return db.oAuthClient.findUnique({ where: { id: clientId } });
}

/** Whether a secret is the client's (constant time); a public client has none to give. */
export function secretMatches(client: { secretHash: string | null }, secret: string | null | undefined): boolean {
  if (!client.secretHash) return !secret;
  if (!secret) return false;
  return timingSafeEqual(Buffer.from(hashToken(secret), "hex"), Buffer.from(client.secretHash, "hex"));
}
