import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api/keys";
import { db } from "@/lib/db";
import { startTestDnsServer } from "@/lib/test/dns-server";
import { useTestEnv } from "@/lib/test/env";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { testIdpMetadata, TEST_IDP_ENTITY_ID } from "@/lib/test/saml-idp";
import { startTestOidcIdp, type TestOidcIdp } from "@/lib/test/oidc-idp";

/** The REST API of single sign-on, through its route handlers with a real key. */

const BASE = "http://laurel.test";
let dns: Awaited<ReturnType<typeof startTestDnsServer>>;
let idp: TestOidcIdp;
beforeAll(async () => {
  dns = await startTestDnsServer();
  idp = await startTestOidcIdp(BASE);
});
afterAll(async () => {
  await idp.close();
  dns.close();
});
useTestEnv({ DNS_RESOLVER: () => dns.server, BASE_URL: BASE, SSO_ALLOWED_HOSTS: () => idp.host });

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const connections = await import("@/app/api/v1/sso/connections/route");
const verifyRoute = await import("@/app/api/v1/sso/connections/[id]/verify-domains/route");
const deleteRoute = await import("@/app/api/v1/sso/connections/[id]/route");

async function organization(plan: "business" | "free" = "business") {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "API Academy");
  if (plan === "business") await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const key = await createApiKey(org.id, { name: "sso", scopes: ["sso:write"] });
  return { org, key: key.plaintext };
}

async function call(handler: unknown, key: string, method: string, path: string, body?: unknown, params: Record<string, string> = {}) {
  const response = await (handler as Handler)(
    new Request(`${BASE}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("REST API: /api/v1/sso/connections", () => {
  it("sets up SAML with domains, lists it, and verifies the domains by their TXT records", async () => {
    const { org, key } = await organization();
    const domain = `${unique("api")}.example`;
    const created = await call(connections.POST, key, "POST", "/api/v1/sso/connections", { type: "saml", metadataXml: testIdpMetadata(), domains: [domain, `@${domain.toUpperCase()}`], enforce: true, defaultRole: "issuer" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: "saml",
      acsUrl: `${BASE}/sso/${org.id}/saml/acs`,
      entityId: `${BASE}/sso/${org.id}/saml/metadata`,
      idpEntityId: TEST_IDP_ENTITY_ID,
      enforce: true,
      defaultRole: "issuer",
      domains: [{ domain, txtName: `_laurel-challenge.${domain}`, txtValue: expect.stringMatching(/^laurel-domain-verification=[0-9a-f]{32}$/), verified: false }],
    });
    const listed = await call(connections.GET, key, "GET", "/api/v1/sso/connections");
    expect(listed.body.data).toEqual([created.body]);

    dns.txt(created.body.domains[0].txtName, created.body.domains[0].txtValue);
    const verified = await call(verifyRoute.POST, key, "POST", `/api/v1/sso/connections/${created.body.id}/verify-domains`, undefined, { id: created.body.id });
    expect(verified.status).toBe(200);
    expect(verified.body.domains).toEqual([{ ...created.body.domains[0], verified: true }]);
  });

  it("sets up OpenID Connect after reading the issuer, and never shows the secret", async () => {
    const { org, key } = await organization();
    const created = await call(connections.POST, key, "POST", "/api/v1/sso/connections", { type: "oidc", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: "oidc", issuer: idp.issuer, clientId: idp.clientId, callbackUrl: `${BASE}/sso/${org.id}/oidc/callback`, enforce: false, defaultRole: "viewer", domains: [] });
    expect(JSON.stringify(created.body)).not.toContain(idp.clientSecret);
    const stored = await db.ssoConnection.findUniqueOrThrow({ where: { organizationId: org.id }, omit: { oidcClientSecretEncrypted: false } });
    expect(stored.oidcClientSecretEncrypted).toBeTruthy();
    expect(stored.oidcClientSecretEncrypted).not.toContain(idp.clientSecret);
    // Posting again replaces it: one connection per organization.
    const replaced = await call(connections.POST, key, "POST", "/api/v1/sso/connections", { type: "saml", metadataXml: testIdpMetadata() });
    expect(replaced.body.id).toBe(created.body.id);
    expect((await call(connections.GET, key, "GET", "/api/v1/sso/connections")).body.data).toHaveLength(1);
    expect((await call(deleteRoute.DELETE, key, "DELETE", `/api/v1/sso/connections/${created.body.id}`, undefined, { id: created.body.id })).status).toBe(204);
    expect((await call(connections.GET, key, "GET", "/api/v1/sso/connections")).body.data).toEqual([]);
  });

  it("answers bad input by field, never 500, and writes nothing", async () => {
    const { org, key } = await organization();
    const cases: [unknown, string, string][] = [
      [{}, "type", "invalid_choice"],
      [{ type: "ldap" }, "type", "invalid_choice"],
      [{ type: "oidc", issuer: "not a url", clientId: "x", clientSecret: "y" }, "issuer", "url_invalid"],
      [{ type: "oidc", issuer: idp.issuer, clientId: "x" }, "clientSecret", "required"],
      [{ type: "oidc", issuer: "http://127.0.0.1:9/", clientId: "x", clientSecret: "y" }, "issuer", "sso_discovery_failed"],
      [{ type: "saml" }, "metadataXml", "sso_metadata_one"],
      [{ type: "saml", metadataXml: "<not-metadata/>" }, "metadataXml", "sso_metadata_invalid"],
      [{ type: "saml", metadataXml: "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>" }, "metadataXml", "sso_metadata_invalid"],
      [{ type: "saml", metadataXml: testIdpMetadata().replace(/<KeyDescriptor[\s\S]*<\/KeyDescriptor>/, "") }, "metadataXml", "sso_metadata_no_certificate"],
      [{ type: "saml", metadataUrl: "http://127.0.0.1:9/metadata" }, "metadataUrl", "sso_metadata_unreachable"],
      [{ type: "saml", metadataXml: testIdpMetadata(), domains: ["academy.example", "not a domain"] }, "domains.1", "domain_invalid"],
      [{ type: "saml", metadataXml: testIdpMetadata(), defaultRole: "owner" }, "defaultRole", "invalid_choice"],
      [{ type: "saml", metadataXml: "a\u0000b" }, "metadataXml", "invalid_characters"],
    ];
    for (const [body, field, code] of cases) {
      const answer = await call(connections.POST, key, "POST", "/api/v1/sso/connections", body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(answer.body.error.details[field], JSON.stringify(answer.body)).toMatchObject({ code });
    }
    expect(await db.ssoConnection.count({ where: { organizationId: org.id } })).toBe(0);
    expect(await db.organizationDomain.count({ where: { organizationId: org.id } })).toBe(0);
    // Another organization's connection id, or none: 404.
    const missing = await call(verifyRoute.POST, key, "POST", "/api/v1/sso/connections/cmissing000000000000000001/verify-domains", undefined, { id: "cmissing000000000000000001" });
    expect(missing.status).toBe(404);
  });

  it("is for the Business plan", async () => {
    // A new organization is on the Pro trial, which has no single sign-on.
    const { key } = await organization("free");
    const answer = await call(connections.POST, key, "POST", "/api/v1/sso/connections", { type: "saml", metadataXml: testIdpMetadata() });
    expect(answer.status).toBe(402);
    expect(answer.body.error.code).toBe("payment_required");
  });
});
