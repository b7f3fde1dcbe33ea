import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dnsResolver } from "@/lib/net/dns";
import { startTestDnsServer } from "@/lib/test/dns-server";
import { useTestEnv } from "@/lib/test/env";
import { createOrgWith, createUser, unique } from "@/lib/test/factories";
import { startTestOidcIdp, type TestOidcIdp } from "@/lib/test/oidc-idp";
import { readAuthnRequest, testIdpMetadata, testSamlResponse, TEST_IDP_SSO_URL, type ResponseOptions } from "@/lib/test/saml-idp";
import { OTHER_IDP_CERT, OTHER_IDP_KEY } from "@/lib/test/saml-idp-keys";
import { saveSsoConnection, ssoForAddress, type SaveSsoInput } from "./connections";
import { addDomain, checkDomain } from "./domains";
import { finishOidc, finishSaml, startSso } from "./flow";
import { redeemSignInTicket } from "./sign-in";
import { ssoUrls } from "./urls";

/**
 * Single sign-on end to end, with a real OpenID Connect provider (oidc-provider) and a SAML IdP
 * signing with its own key, both in this process; Laurel's side is called as the routes call it.
 */

const BASE = "http://laurel.test";
let dns: Awaited<ReturnType<typeof startTestDnsServer>>;
let idp: TestOidcIdp;
beforeAll(async () => {
  dns = await startTestDnsServer();
  // The redirect URIs are the organizations' callback URLs: any under Laurel's test origin.
  idp = await startTestOidcIdp(BASE);
});
afterAll(async () => {
  await idp.close();
  dns.close();
});
useTestEnv({ DNS_RESOLVER: () => dns.server, BASE_URL: BASE, SSO_ALLOWED_HOSTS: () => idp.host });

const clientIp = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

/** A Business organization with `domain` verified by its TXT record, and its owner. */
async function businessOrg(domain: string, verify = true) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Harbour Academy");
  await db.organization.update({ where: { id: org.id }, data: { plan: "business", subscriptionStatus: "active" } });
  const added = await addDomain(org.id, { domain });
  if (verify) {
    dns.txt(added.record.host, added.record.value);
    expect((await checkDomain(org.id, added.id, dnsResolver())).status).toBe("verified");
  }
  return { org, owner };
}

async function oidcOrg(options: Partial<Extract<SaveSsoInput, { type: "oidc" }>> = {}) {
  const domain = `${unique("oidc")}.example`;
  const { org, owner } = await businessOrg(domain);
  idp.accounts.clear();
  await saveSsoConnection(org.id, { type: "oidc", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, enforce: false, defaultRole: "issuer", ...options });
  return { org, owner, domain };
}

const cookieOf = (response: Response) => response.headers.getSetCookie().find((line) => line.startsWith("laurel_sso="))?.split(";")[0] ?? "";
const locationOf = (response: Response) => response.headers.get("location") ?? "";
const errorOf = (response: Response) => new URL(locationOf(response), BASE).searchParams.get("error");
const ticketOf = (response: Response) => new URLSearchParams(new URL(locationOf(response), BASE).hash.slice(1));

async function start(email: string, ip = clientIp()) {
  const response = await startSso(new Request(`${BASE}/sso/start?email=${encodeURIComponent(email)}`), ip);
  expect(response.status).toBe(303);
  return { location: locationOf(response), cookie: cookieOf(response), ip };
}

async function oidcCallback(orgId: string, url: string, cookie: string, ip = clientIp()) {
  return finishOidc(new Request(url, { headers: { cookie } }), orgId, ip);
}

describe("OpenID Connect", () => {
  it("signs a new person in through the provider, who joins with the default role and gets an ordinary session", async () => {
    const { org, domain } = await oidcOrg();
    const email = `ada@${domain}`;
    idp.accounts.set("ada", { email, email_verified: true, name: "Ada Lovelace" });

    const started = await start(email);
    const authorization = new URL(started.location);
    expect(authorization.origin).toBe(idp.issuer);
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization.searchParams.get("redirect_uri")).toBe(ssoUrls(org.id).callbackUrl);
    expect(authorization.searchParams.get("login_hint")).toBe(email);
    expect(started.cookie).toMatch(/^laurel_sso=[\w-]{40,}$/);

    const back = await idp.signIn(started.location, "ada");
    expect(back.startsWith(ssoUrls(org.id).callbackUrl)).toBe(true);
    const finished = await oidcCallback(org.id, back, started.cookie);
    expect(locationOf(finished)).toMatch(/^\/sign-in\/sso#/);
    const fragment = ticketOf(finished);
    expect(fragment.get("next")).toBe(`/dashboard/${org.slug}`);

    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("Ada Lovelace");
    expect(user.emailVerified).toBeInstanceOf(Date);
    const membership = await db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: org.id, userId: user.id } } });
    expect(membership.role).toBe("issuer");
    const audit = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "sso." } }, select: { action: true } });
    expect(audit.map((entry) => entry.action).sort()).toEqual(["sso.connection_saved", "sso.member_joined", "sso.signed_in"]);

    // The ticket becomes a session once, through next-auth's "sso" provider.
    const provider = authOptions().providers.find((candidate) => (candidate as { options?: { id?: string } }).options?.id === "sso") as unknown as { options: { authorize: (credentials: Record<string, string>) => Promise<unknown> } };
    await expect(provider.options.authorize({ ticket: fragment.get("ticket")! })).resolves.toMatchObject({ id: user.id, email, sessionVersion: user.sessionVersion });
    expect(await redeemSignInTicket(fragment.get("ticket"))).toBeNull();

    // Back another day: the same account, no second membership, the role kept.
    await db.membership.update({ where: { id: membership.id }, data: { role: "admin" } });
    const again = await start(email);
    const finishedAgain = await oidcCallback(org.id, await idp.signIn(again.location, "ada"), again.cookie);
    expect(await redeemSignInTicket(ticketOf(finishedAgain).get("ticket"))).toMatchObject({ id: user.id });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(1);
    expect((await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).role).toBe("admin");
  });

  it("refuses a callback whose state is wrong, used, or brought by another browser", async () => {
    const { org, domain } = await oidcOrg();
    idp.accounts.set("grace", { email: `grace@${domain}`, email_verified: true });

    const started = await start(`grace@${domain}`);
    const back = new URL(await idp.signIn(started.location, "grace"));
    const forged = new URL(back);
    forged.searchParams.set("state", randomBytes(24).toString("base64url"));
    expect(errorOf(await oidcCallback(org.id, forged.href, started.cookie))).toBe("state_invalid");
    // Another browser (no cookie, or someone else's) cannot finish it.
    expect(errorOf(await oidcCallback(org.id, back.href, ""))).toBe("state_invalid");

    const second = await start(`grace@${domain}`);
    const secondBack = await idp.signIn(second.location, "grace");
    expect(errorOf(await oidcCallback(org.id, secondBack, started.cookie))).toBe("state_invalid");
    // Each refusal used up its state: the right browser cannot finish a state seen by another.
    const third = await start(`grace@${domain}`);
    const thirdBack = await idp.signIn(third.location, "grace");
    expect(locationOf(await oidcCallback(org.id, thirdBack, third.cookie))).toMatch(/^\/sign-in\/sso#ticket=/);
    expect(errorOf(await oidcCallback(org.id, thirdBack, third.cookie))).toBe("state_invalid");
    expect(await db.user.count({ where: { email: `grace@${domain}` } })).toBe(1);
  });

  it("refuses an ID token whose nonce is not the one this sign-in sent", async () => {
    const { org, domain } = await oidcOrg();
    idp.accounts.set("mallory", { email: `mallory@${domain}`, email_verified: true });
    const started = await start(`mallory@${domain}`);
    const state = new URL(started.location).searchParams.get("state")!;
    // As if the ID token had been minted for another sign-in: the nonce kept here differs.
    await db.ssoAuthState.update({ where: { state }, data: { oidcNonce: "a-nonce-of-another-sign-in" } });
    const finished = await oidcCallback(org.id, await idp.signIn(started.location, "mallory"), started.cookie);
    expect(errorOf(finished)).toBe("response_invalid");
    expect(await db.user.count({ where: { email: `mallory@${domain}` } })).toBe(0);
  });

  it("refuses an address outside the organization's verified domains, and an address the provider says is unverified", async () => {
    const { org, domain } = await oidcOrg();
    idp.accounts.set("outsider", { email: `outsider@${unique("elsewhere")}.example`, email_verified: true });
    const started = await start(`outsider@${domain}`);
    expect(errorOf(await oidcCallback(org.id, await idp.signIn(started.location, "outsider"), started.cookie))).toBe("email_outside_domains");

    idp.accounts.set("unproven", { email: `unproven@${domain}`, email_verified: false });
    const second = await start(`unproven@${domain}`);
    expect(errorOf(await oidcCallback(org.id, await idp.signIn(second.location, "unproven"), second.cookie))).toBe("email_missing");
    expect(await db.membership.count({ where: { organizationId: org.id } })).toBe(1);
  });

  it("shows the provider's refusal as a page, never a 500", async () => {
    const { org, domain } = await oidcOrg();
    const started = await start(`nobody@${domain}`);
    const state = new URL(started.location).searchParams.get("state")!;
    const refused = `${ssoUrls(org.id).callbackUrl}?error=access_denied&state=${state}`;
    const answer = await oidcCallback(org.id, refused, started.cookie);
    expect(answer.status).toBe(303);
    expect(errorOf(answer)).toBe("idp_error");
  });
});

describe("SAML 2.0", () => {
  async function samlOrg(defaultRole: "viewer" | "issuer" | "admin" = "viewer") {
    const domain = `${unique("saml")}.example`;
    const { org } = await businessOrg(domain);
    await saveSsoConnection(org.id, { type: "saml", metadataXml: testIdpMetadata(), enforce: false, defaultRole });
    return { org, domain };
  }

  /** Starts a sign-in and answers it as the IdP would, with `bend` applied to the response. */
  async function answer(org: { id: string }, email: string, bend: Partial<ResponseOptions> = {}) {
    const started = await start(email);
    expect(started.location.startsWith(TEST_IDP_SSO_URL)).toBe(true);
    const request = readAuthnRequest(started.location);
    expect(request.acsUrl).toBe(ssoUrls(org.id).acsUrl);
    expect(request.issuer).toBe(ssoUrls(org.id).entityId);
    const SAMLResponse = testSamlResponse({ acsUrl: request.acsUrl, audience: ssoUrls(org.id).entityId, inResponseTo: request.id, email, name: "Grace Hopper", ...bend });
    const post = () =>
      finishSaml(
        new Request(ssoUrls(org.id).acsUrl, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie: started.cookie }, body: new URLSearchParams({ SAMLResponse, RelayState: request.relayState }) }),
        org.id,
        clientIp(),
      );
    return { started, request, SAMLResponse, response: await post(), post };
  }

  it("signs in with a valid signed assertion, and the newcomer joins with the default role", async () => {
    const { org, domain } = await samlOrg("admin");
    const email = `grace@${domain}`;
    const { response } = await answer(org, email);
    expect(locationOf(response)).toMatch(/^\/sign-in\/sso#ticket=/);
    const user = await redeemSignInTicket(ticketOf(response).get("ticket"));
    expect(user).toMatchObject({ email, name: "Grace Hopper" });
    expect((await db.membership.findUniqueOrThrow({ where: { organizationId_userId: { organizationId: org.id, userId: user!.id } } })).role).toBe("admin");
  });

  it("refuses a response whose email was changed after signing", async () => {
    const { org, domain } = await samlOrg();
    const { response } = await answer(org, `grace@${domain}`, { tamper: (xml) => xml.replaceAll(`grace@${domain}`, `ceo@${domain}`) });
    expect(errorOf(response)).toBe("response_invalid");
    expect(await db.user.count({ where: { email: { in: [`grace@${domain}`, `ceo@${domain}`] } } })).toBe(0);
  });

  it("refuses an assertion for another audience", async () => {
    const { org, domain } = await samlOrg();
    const { response } = await answer(org, `grace@${domain}`, { audience: "https://another-service.example/saml" });
    expect(errorOf(response)).toBe("response_invalid");
  });

  it("refuses an expired assertion, and one not valid yet, beyond a minute of clock skew", async () => {
    const { org, domain } = await samlOrg();
    expect(errorOf((await answer(org, `grace@${domain}`, { notBeforeMs: -20 * 60_000, notOnOrAfterMs: -2 * 60_000 })).response)).toBe("response_invalid");
    expect(errorOf((await answer(org, `grace@${domain}`, { notBeforeMs: 5 * 60_000, notOnOrAfterMs: 10 * 60_000 })).response)).toBe("response_invalid");
    // Within the skew, a clock slightly behind is fine.
    expect(locationOf((await answer(org, `grace@${domain}`, { notBeforeMs: 30_000 })).response)).toMatch(/^\/sign-in\/sso#ticket=/);
  });

  it("refuses a replayed response, and a replayed assertion in a new response", async () => {
    const { org, domain } = await samlOrg();
    const first = await answer(org, `grace@${domain}`, { assertionId: `_replay${randomBytes(8).toString("hex")}` });
    expect(locationOf(first.response)).toMatch(/^\/sign-in\/sso#ticket=/);
    // The same POST again: its sign-in was used.
    expect(errorOf(await first.post())).toBe("state_invalid");
    // The same assertion (same ID) answering a new request: refused as a replay.
    const assertionId = /<saml:Assertion[^>]* ID="([^"]+)"/.exec(Buffer.from(first.SAMLResponse, "base64").toString())![1];
    const second = await answer(org, `grace@${domain}`, { assertionId });
    expect(errorOf(second.response)).toBe("assertion_replayed");
  });

  it("refuses an unsigned assertion, one signed by another key, and an answer to a request never made", async () => {
    const { org, domain } = await samlOrg();
    expect(errorOf((await answer(org, `grace@${domain}`, { sign: "none" })).response)).toBe("response_invalid");
    expect(errorOf((await answer(org, `grace@${domain}`, { key: OTHER_IDP_KEY, cert: OTHER_IDP_CERT })).response)).toBe("response_invalid");
    expect(errorOf((await answer(org, `grace@${domain}`, { inResponseTo: "_a-request-laurel-never-sent" })).response)).toBe("response_invalid");
    expect(await db.user.count({ where: { email: `grace@${domain}` } })).toBe(0);
  });

  it("refuses an address outside the verified domains", async () => {
    const { org, domain } = await samlOrg();
    const { response } = await answer(org, `grace@${domain}`, { email: `grace@${unique("other")}.example` });
    expect(errorOf(response)).toBe("email_outside_domains");
  });

  it("serves the service provider's metadata with its entity id and ACS URL", async () => {
    const { org } = await samlOrg();
    const { organizationSpMetadata } = await import("./saml");
    const xml = await organizationSpMetadata(org.id);
    expect(xml).toContain(`entityID="${ssoUrls(org.id).entityId}"`);
    expect(xml).toContain(`Location="${ssoUrls(org.id).acsUrl}"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(await organizationSpMetadata("cnosuchorganization0000001")).toBeNull();
  });
});

describe("routing and enforcement", () => {
  const magicLink = () => {
    const provider = authOptions().providers.find((candidate) => candidate.id === "email") as unknown as { options: { sendVerificationRequest: (params: { identifier: string; url: string }) => Promise<void> } };
    return (identifier: string) => provider.options.sendVerificationRequest({ identifier, url: `${BASE}/api/auth/callback/email?token=x` });
  };

  it("refuses password sign-in and magic links for the domain when enforced, and allows both when not", async () => {
    const { org, domain } = await oidcOrg({ enforce: true });
    const password = "correct horse battery staple";
    const person = await createUser({ email: `lin@${domain}`, password });
    const refusal = await authenticateWithPassword({ email: person.email, password, ip: clientIp() }).catch((error) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).fields).toEqual({ email: { code: "sso_required" } });
    await expect(magicLink()(person.email)).rejects.toThrow("SsoRequired");

    // Enforcement off: both work again.
    await saveSsoConnection(org.id, { type: "oidc", issuer: idp.issuer, clientId: idp.clientId, enforce: false, defaultRole: "viewer" });
    await expect(authenticateWithPassword({ email: person.email, password, ip: clientIp() })).resolves.toMatchObject({ id: person.id });
    await magicLink()(person.email);
    expect(await db.outboxEmail.count({ where: { to: person.email } })).toBe(1);
    // Other domains were never concerned.
    const other = await createUser({ email: `lin@${unique("free")}.example`, password });
    await expect(authenticateWithPassword({ email: other.email, password, ip: clientIp() })).resolves.toMatchObject({ id: other.id });
  });

  it("routes only verified domains of organizations on a plan with SSO", async () => {
    const { org, domain } = await oidcOrg({ enforce: true });
    expect(await ssoForAddress(`x@${domain.toUpperCase()}`)).toMatchObject({ organization: { id: org.id }, domain });
    // An unverified domain sends nobody anywhere, and its password sign-in stays open.
    const pending = `${unique("pending")}.example`;
    const { org: other } = await businessOrg(pending, false);
    await saveSsoConnection(other.id, { type: "saml", metadataXml: testIdpMetadata(), enforce: true, defaultRole: "viewer" });
    expect(await ssoForAddress(`x@${pending}`)).toBeNull();
    const started = await startSso(new Request(`${BASE}/sso/start?email=${encodeURIComponent(`x@${pending}`)}`), clientIp());
    expect(locationOf(started)).toBe(`/sign-in?sso=none&email=${encodeURIComponent(`x@${pending}`)}`);
    const password = "correct horse battery staple";
    const person = await createUser({ email: `x@${pending}`, password });
    await expect(authenticateWithPassword({ email: person.email, password, ip: clientIp() })).resolves.toMatchObject({ id: person.id });
    // A domain whose organization left Business: no routing, no enforcement.
    await db.organization.update({ where: { id: org.id }, data: { plan: "free", subscriptionStatus: null, stripeSubscriptionId: "sub_gone" } });
    expect(await ssoForAddress(`x@${domain}`)).toBeNull();
  });

  it("limits sign-in starts per IP address", async () => {
    const { domain } = await oidcOrg();
    const ip = clientIp().replace("198.51.100", "192.0.2");
    let last: Response | null = null;
    for (let i = 0; i < 31; i++) last = await startSso(new Request(`${BASE}/sso/start?email=${encodeURIComponent(`a@${domain}`)}`), ip);
    expect(errorOf(last!)).toBe("rate_limited");
  });
});
