import "server-only";
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { SsoConnectionRow } from "./connections";
import { SsoError } from "./errors";
import { certificatePem } from "./saml-metadata";
import { consumeAuthState, createAuthState, SSO_STATE_TTL_MS, type NewState } from "./state";
import { ssoUrls } from "./urls";

type SamlConnection = Pick<SsoConnectionRow, "id" | "organizationId" | "samlIdpEntityId" | "samlSsoUrl" | "samlCertificates">;

/** Clocks of Laurel and of identity providers may differ by this much. */
export const SAML_CLOCK_SKEW_MS = 60 * 1000;

/**
 * node-saml for one connection. Assertions must be signed by one of the IdP's certificates (the
 * response itself may or may not be), name Laurel's entity id as their audience, be within their
 * validity window (a minute of skew), and answer the AuthnRequest this browser started
 * (InResponseTo, always required: no unsolicited, IdP-initiated responses).
 */
function samlFor(connection: SamlConnection, requests: CacheProvider): SAML {
  if (!connection.samlSsoUrl || connection.samlCertificates.length === 0) throw new SsoError("no_connection", "incomplete SAML connection");
  const urls = ssoUrls(connection.organizationId);
  return new SAML({
    issuer: urls.entityId,
    audience: urls.entityId,
    callbackUrl: urls.acsUrl,
    entryPoint: connection.samlSsoUrl,
    idpCert: connection.samlCertificates.map(certificatePem),
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: SAML_CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SSO_STATE_TTL_MS,
    cacheProvider: requests,
    // Let the IdP choose the NameID format and how people authenticate (MFA, Kerberos, …).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
  });
}

/** Laurel's service provider metadata for an organization (public: an IdP admin imports it). */
export function serviceProviderMetadata(organizationId: string): string {
  const urls = ssoUrls(organizationId);
  const saml = new SAML({ issuer: urls.entityId, callbackUrl: urls.acsUrl, idpCert: "unused", identifierFormat: null, wantAssertionsSigned: true });
  return saml.generateServiceProviderMetadata(null, null);
}

/** The AuthnRequest (HTTP-Redirect binding); its ID is kept with the sign-in under way. */
export async function startSamlSignIn(connection: SamlConnection): Promise<{ location: string; state: NewState }> {
  let requestId: string | undefined;
  const capture: CacheProvider = {
    saveAsync: async (key, value) => {
      requestId = key;
      return { value, createdAt: Date.now() };
    },
    getAsync: async () => null,
    removeAsync: async () => null,
  };
  // RelayState is chosen before the request ID exists: make the state first, then attach the ID.
  const state = await createAuthState(connection.id, {});
  const location = await samlFor(connection, capture).getAuthorizeUrlAsync(state.state, undefined, {});
  if (!requestId) throw new Error("node-saml did not report the AuthnRequest ID");
  await db.ssoAuthState.update({ where: { state: state.state }, data: { samlRequestId: requestId } });
  return { location, state };
}

export type SamlIdentity = { email: string; name: string | null; subject: string };

const EMAIL_ATTRIBUTES = [
  "email", "mail", "emailAddress", "Email", "urn:oid:0.9.2342.19200300.100.1.3",
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "http://schemas.xmlsoap.org/claims/EmailAddress",
];
const NAME_ATTRIBUTES = ["displayName", "name", "urn:oid:2.16.840.1.113730.3.1.241", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "http://schemas.microsoft.com/identity/claims/displayname"];

function firstString(profile: Profile, names: string[]): string | null {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  for (const name of names) {
    const value = attributes[name] ?? (profile as Record<string, unknown>)[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string" && first.trim()) return first.trim();
  }
  return null;
}

/**
 * The POST to the ACS: RelayState must be a sign-in this browser started (once), the response
 * must pass node-saml's checks for that request, and its assertion ID must not have been used
 * before (kept until the assertion expires, so a replay is refused even on another instance).
 */
export async function finishSamlSignIn(connection: SamlConnection, form: { SAMLResponse?: unknown; RelayState?: unknown }, browserKey: string | undefined, now = new Date()): Promise<SamlIdentity> {
  const saved = await consumeAuthState(connection.id, form.RelayState, browserKey, now);
  if (typeof form.SAMLResponse !== "string" || form.SAMLResponse.length === 0) throw new SsoError("response_invalid", "no SAMLResponse");
  const requests: CacheProvider = {
    saveAsync: async () => null,
    getAsync: async (key) => (saved.samlRequestId && key === saved.samlRequestId ? saved.createdAt.toISOString() : null),
    removeAsync: async () => null,
  };
  let profile: Profile | null;
  try {
    ({ profile } = await samlFor(connection, requests).validatePostResponseAsync({ SAMLResponse: form.SAMLResponse }));
  } catch (error) {
    log.info({ err: error, connectionId: connection.id }, "SAML answer refused");
    const message = error instanceof Error ? error.message : String(error);
    throw new SsoError(/returned \w+ error/.test(message) ? "idp_error" : "response_invalid", message);
  }
  if (!profile) throw new SsoError("response_invalid", "no assertion");
  if (connection.samlIdpEntityId && profile.issuer && profile.issuer !== connection.samlIdpEntityId) throw new SsoError("response_invalid", `issuer ${profile.issuer}`);

  // The assertion node-saml verified: its ID and how long it is valid.
  const assertion = (profile.getAssertion?.() as { Assertion?: { $?: { ID?: string }; Conditions?: { $?: { NotOnOrAfter?: string } }[] } } | undefined)?.Assertion;
  const assertionId = assertion?.$?.ID;
  if (!assertionId) throw new SsoError("response_invalid", "assertion without ID");
  const notOnOrAfter = Date.parse(assertion?.Conditions?.[0]?.$?.NotOnOrAfter ?? "");
  const expiresAt = new Date(Math.max(Number.isFinite(notOnOrAfter) ? notOnOrAfter : 0, now.getTime() + SSO_STATE_TTL_MS) + SAML_CLOCK_SKEW_MS);
  await db.ssoAssertionUse.deleteMany({ where: { expiresAt: { lt: now } } });
  try {
    await db.ssoAssertionUse.create({ data: { connectionId: connection.id, assertionId: assertionId.slice(0, 200), expiresAt } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new SsoError("assertion_replayed", assertionId);
    throw error;
  }

  const nameIdIsEmail = /emailAddress$/.test(profile.nameIDFormat ?? "") || /^[^\s@]+@[^\s@]+$/.test(profile.nameID ?? "");
  const email = firstString(profile, EMAIL_ATTRIBUTES) ?? (nameIdIsEmail ? profile.nameID : null);
  if (!email) throw new SsoError("email_missing");
  const given = firstString(profile, ["givenName", "urn:oid:2.5.4.42", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"]);
  const surname = firstString(profile, ["sn", "surname", "urn:oid:2.5.4.4", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"]);
  const name = firstString(profile, NAME_ATTRIBUTES) ?? ([given, surname].filter(Boolean).join(" ") || null);
  return { email, name, subject: profile.nameID };
}

/** The service provider metadata of an existing organization; null for an unknown id. */
export async function organizationSpMetadata(organizationId: string): Promise<string | null> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  return org ? serviceProviderMetadata(org.id) : null;
}
