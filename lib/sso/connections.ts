import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { billingSelect, entitlementsOf } from "@/lib/billing/entitlements";
import { AppError, fieldError, notFound } from "@/lib/errors";
import { dnsResolver, type DnsResolver } from "@/lib/net/dns";
import { isLaurelDomain } from "@/lib/net/domain-names";
import { decryptAtRest, encryptAtRest } from "@/lib/ob/keys";
import { addDomain, checkDomain, listDomains, type DomainView } from "./domains";
import { idpGet } from "./idp-fetch";
import { discoverIssuer } from "./oidc-config";
import { MetadataError, parseIdpMetadata, type IdpMetadata } from "./saml-metadata";
import type { SsoConnectionResponse, SsoFormInput } from "./schemas";
import { SSO_DEFAULT_ROLES } from "./schemas";
import { ssoSignInUrl, ssoUrls } from "./urls";

type Actor = { userId?: string; apiKeyId?: string; ip?: string };
type DefaultRole = (typeof SSO_DEFAULT_ROLES)[number];

/** What saving a connection takes, from the REST API or the dashboard's form. */
export type SaveSsoInput = (
  | { type: "oidc"; issuer: string; clientId: string; /** Absent: keep the stored one (same issuer and client). */ clientSecret?: string }
  | { type: "saml"; metadataXml?: string; metadataUrl?: string }
) & { enforce: boolean; defaultRole: DefaultRole; domains?: string[] };

const connectionFields = {
  id: true, organizationId: true, protocol: true, oidcIssuer: true, oidcClientId: true, samlIdpEntityId: true, samlSsoUrl: true,
  samlCertificates: true, samlMetadataUrl: true, enforce: true, defaultRole: true, enabled: true, createdAt: true, updatedAt: true,
} as const;

export type SsoConnectionRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(organizationId: string) {
  return db.ssoConnection.findUnique({ where: { organizationId }, select: connectionFields });
}

export async function getSsoConnection(organizationId: string): Promise<SsoConnectionRow | null> {
  return findRow(organizationId);
}

const sealSecret = (secret: string) => encryptAtRest(new TextEncoder().encode(secret), env().KEY_ENCRYPTION_KEY);

/** The OIDC client secret, for the token request only. */
export async function openClientSecret(connectionId: string): Promise<string> {
  const row = await db.ssoConnection.findUniqueOrThrow({ where: { id: connectionId }, select: { oidcClientSecretEncrypted: true } });
  if (!row.oidcClientSecretEncrypted) throw new Error("SSO connection has no client secret");
  return new TextDecoder().decode(decryptAtRest(row.oidcClientSecretEncrypted, env().KEY_ENCRYPTION_KEY));
}

async function readMetadata(input: { metadataXml?: string; metadataUrl?: string }): Promise<IdpMetadata> {
  const field = input.metadataUrl ? "metadataUrl" : "metadataXml";
  let xml = input.metadataXml ?? "";
  if (input.metadataUrl) {
    try {
      const fetched = await idpGet(input.metadataUrl, { accept: "application/samlmetadata+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1" });
      xml = new TextDecoder().decode(fetched.body);
    } catch {
      throw fieldError(field, "sso_metadata_unreachable");
    }
  }
  try {
    return parseIdpMetadata(xml);
  } catch (error) {
    if (error instanceof MetadataError) throw fieldError(field, error.code);
    throw error;
  }
}

/**
 * Saves the organization's one connection (a second save replaces the first). The identity
 * provider is read before anything is stored: an issuer whose discovery document cannot be read
 * or metadata without a signing certificate is refused by field. Domains named are added to the
 * organization's list to verify (those listed already stay as they are).
 */
export async function saveSsoConnection(organizationId: string, input: SaveSsoInput, actor: Actor = {}): Promise<SsoConnectionRow> {
  const existing = await findRow(organizationId);
  let data;
  if (input.type === "oidc") {
    const keepsSecret = !input.clientSecret && existing?.protocol === "oidc" && existing.oidcClientId === input.clientId;
    if (!input.clientSecret && !keepsSecret) throw fieldError("clientSecret", "required");
    const issuer = await discoverIssuer(input.issuer, input.clientId).catch(() => {
      throw fieldError("issuer", "sso_discovery_failed");
    });
    data = {
      protocol: "oidc" as const, oidcIssuer: issuer, oidcClientId: input.clientId,
      ...(input.clientSecret ? { oidcClientSecretEncrypted: sealSecret(input.clientSecret) } : {}),
      samlIdpEntityId: null, samlSsoUrl: null, samlCertificates: [], samlMetadataUrl: null,
    };
  } else {
    const metadata = await readMetadata(input);
    data = {
      protocol: "saml" as const, samlIdpEntityId: metadata.entityId, samlSsoUrl: metadata.ssoUrl, samlCertificates: metadata.certificates,
      samlMetadataUrl: input.metadataUrl ?? null, oidcIssuer: null, oidcClientId: null, oidcClientSecretEncrypted: null,
    };
  }
  // Every domain is checked before any is added: a refused request writes nothing.
  const listed = new Set((await listDomains(organizationId)).map((domain) => domain.domain));
  const newDomains = (input.domains ?? []).filter((domain) => !listed.has(domain));
  for (const [index, domain] of (input.domains ?? []).entries()) if (isLaurelDomain(domain)) throw fieldError(`domains.${index}`, "domain_laurel");
  for (const domain of newDomains) {
    await addDomain(organizationId, { domain }, actor).catch((error) => {
      // Added meanwhile by another request: it is listed, which is what was asked.
      if (error instanceof AppError && error.fields?.domain?.code === "domain_listed") return;
      throw error;
    });
  }
  const settings = { enforce: input.enforce, defaultRole: input.defaultRole, enabled: true };
  return db.$transaction(async (tx) => {
    const row = await tx.ssoConnection.upsert({
      where: { organizationId },
      create: { organizationId, ...data, ...settings },
      update: { ...data, ...settings },
      select: connectionFields,
    });
    // Sign-ins started against the previous settings are not finished against these.
    if (existing) await tx.ssoAuthState.deleteMany({ where: { connectionId: row.id } });
    await recordAudit(tx, {
      organizationId, actorId: actor.userId, action: "sso.connection_saved", targetType: "sso_connection", targetId: row.id,
      data: { protocol: row.protocol, enforce: row.enforce, defaultRole: row.defaultRole, ...(actor.apiKeyId && { apiKeyId: actor.apiKeyId }) }, ip: actor.ip,
    });
    return row;
  });
}

/** Removes the organization's connection; with none, there is nothing to do. */
export async function removeSsoConnection(organizationId: string, actor: Actor = {}): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.ssoConnection.findUnique({ where: { organizationId }, select: { id: true, protocol: true } });
    if (!row) return;
    await tx.ssoConnection.delete({ where: { id: row.id } });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "sso.connection_removed", targetType: "sso_connection", targetId: row.id, data: { protocol: row.protocol, ...(actor.apiKeyId && { apiKeyId: actor.apiKeyId }) }, ip: actor.ip });
  });
}

function domainView(domain: DomainView) {
  return { domain: domain.domain, txtName: domain.record.host, txtValue: domain.record.value, verified: domain.verifiedAt !== null };
}

/** A connection as the REST API answers it (the client secret never leaves). */
export function presentSsoConnection(row: SsoConnectionRow, domains: DomainView[]): SsoConnectionResponse {
  const urls = ssoUrls(row.organizationId);
  const common = {
    id: row.id,
    type: row.protocol,
    signInUrl: ssoSignInUrl(),
    enforce: row.enforce,
    defaultRole: row.defaultRole as DefaultRole,
    domains: domains.map(domainView),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
  if (row.protocol === "oidc") return { ...common, issuer: row.oidcIssuer ?? undefined, clientId: row.oidcClientId ?? undefined, callbackUrl: urls.callbackUrl, entityId: row.oidcClientId ?? "" };
  return { ...common, acsUrl: urls.acsUrl, entityId: urls.entityId, metadataUrl: urls.metadataUrl, idpEntityId: row.samlIdpEntityId ?? undefined };
}

export async function listApiSsoConnections(organizationId: string): Promise<SsoConnectionResponse[]> {
  const row = await findRow(organizationId);
  return row ? [presentSsoConnection(row, await listDomains(organizationId))] : [];
}

export async function getApiSsoConnection(organizationId: string, id: string): Promise<SsoConnectionResponse> {
  const row = await findRow(organizationId);
  if (!row || row.id !== id) throw notFound("Single sign-on connection not found");
  return presentSsoConnection(row, await listDomains(organizationId));
}

/** Looks up every domain of the organization's list again (POST …/verify-domains). */
export async function verifySsoDomains(organizationId: string, id: string, resolver: DnsResolver = dnsResolver()): Promise<SsoConnectionResponse> {
  const row = await findRow(organizationId);
  if (!row || row.id !== id) throw notFound("Single sign-on connection not found");
  for (const domain of await listDomains(organizationId)) await checkDomain(organizationId, domain.id, resolver);
  return presentSsoConnection(row, await listDomains(organizationId));
}

export type SsoRoute = { connection: SsoConnectionRow; organization: { id: string; slug: string; name: string }; domain: string };

/**
 * The single sign-on an address belongs to: its domain verified by an organization that has an
 * enabled connection and a plan with SSO. An unverified domain routes nowhere.
 */
export async function ssoForAddress(email: string): Promise<SsoRoute | null> {
  const at = email.lastIndexOf("@");
  if (at < 1) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  if (!domain) return null;
  const row = await db.organizationDomain.findFirst({
    where: { domain, verifiedAt: { not: null }, organization: { ssoConnection: { enabled: true } } },
    select: { domain: true, organization: { select: { ...billingSelect, name: true, ssoConnection: { select: connectionFields } } } },
  });
  const connection = row?.organization.ssoConnection;
  if (!row || !connection) return null;
  // An organization that left Business keeps its settings, but nobody is sent to (or held to) them.
  if (!entitlementsOf(row.organization).features.includes("sso")) return null;
  return { connection, organization: { id: row.organization.id, slug: row.organization.slug, name: row.organization.name }, domain: row.domain };
}

/** Whether password sign-in and magic links are refused for this address (its SSO enforces). */
export async function ssoEnforcedFor(email: string): Promise<boolean> {
  const route = await ssoForAddress(email);
  return Boolean(route?.connection.enforce);
}

/** What the settings card shows: the connection (never its secret), Laurel's URLs, the domains. */
export async function ssoSettingsView(organizationId: string) {
  const [row, domains] = await Promise.all([findRow(organizationId), listDomains(organizationId)]);
  const urls = ssoUrls(organizationId);
  return {
    connection: row
      ? {
          protocol: row.protocol,
          issuer: row.oidcIssuer,
          clientId: row.oidcClientId,
          idpEntityId: row.samlIdpEntityId,
          metadataUrl: row.samlMetadataUrl,
          enforce: row.enforce,
          defaultRole: row.defaultRole as DefaultRole,
        }
      : null,
    urls: { ...urls, signInUrl: ssoSignInUrl() },
    domains: domains.map((domain) => ({ domain: domain.domain, verified: domain.verifiedAt !== null })),
  };
}

/** The dashboard form's fields, as a save. */
export function fromSsoForm(input: SsoFormInput): SaveSsoInput {
  const settings = { enforce: input.enforce, defaultRole: input.defaultRole };
  if (input.protocol === "oidc") return { type: "oidc", issuer: input.issuer ?? "", clientId: input.clientId ?? "", clientSecret: input.clientSecret, ...settings };
  return { type: "saml", metadataXml: input.metadataXml, metadataUrl: input.metadataUrl, ...settings };
}
