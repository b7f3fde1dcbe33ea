import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { exampleIdpMetadata } from "@/lib/sso/example-metadata";
import { TEST_IDP_CERT, TEST_IDP_KEY } from "./saml-idp-keys";

/**
 * A SAML 2.0 identity provider inside the tests: its metadata, and the responses it would POST
 * to a service provider, signed with its own key by xml-crypto (the library node-saml checks
 * signatures with). Each option bends one thing a real IdP (or an attacker) could get wrong.
 */

export const TEST_IDP_ENTITY_ID = "https://idp.saml.test/metadata";
export const TEST_IDP_SSO_URL = "https://idp.saml.test/sso";

const bare = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");

export function testIdpMetadata(cert = TEST_IDP_CERT): string {
  return exampleIdpMetadata(TEST_IDP_ENTITY_ID, TEST_IDP_SSO_URL, bare(cert));
}

/** The AuthnRequest a service provider sent with the HTTP-Redirect binding: its ID and RelayState. */
export function readAuthnRequest(location: string): { id: string; relayState: string; destination: string; acsUrl: string; issuer: string } {
  const url = new URL(location);
  const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
  const attribute = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1] ?? "";
  return {
    id: attribute("ID"),
    relayState: url.searchParams.get("RelayState") ?? "",
    destination: attribute("Destination"),
    acsUrl: attribute("AssertionConsumerServiceURL"),
    issuer: /<saml:Issuer[^>]*>([^<]*)</.exec(xml)?.[1] ?? "",
  };
}

export type ResponseOptions = {
  acsUrl: string;
  audience: string;
  inResponseTo: string;
  email: string;
  name?: string;
  issuer?: string;
  assertionId?: string;
  /** Validity of the assertion, relative to now (ms). */
  notBeforeMs?: number;
  notOnOrAfterMs?: number;
  /** "assertion" (the default), or "none" for an unsigned response. */
  sign?: "assertion" | "none";
  key?: string;
  cert?: string;
  /** Changes the XML after it was signed. */
  tamper?: (xml: string) => string;
};

const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** A SAMLResponse as the form field carries it (base64). */
export function testSamlResponse(options: ResponseOptions): string {
  const issuer = options.issuer ?? TEST_IDP_ENTITY_ID;
  const assertionId = options.assertionId ?? `_a${randomBytes(16).toString("hex")}`;
  const notBefore = iso(options.notBeforeMs ?? -60_000);
  const notOnOrAfter = iso(options.notOnOrAfterMs ?? 5 * 60_000);
  const now = iso(0);
  const attributes = [
    `<saml:Attribute Name="email"><saml:AttributeValue>${escape(options.email)}</saml:AttributeValue></saml:Attribute>`,
    options.name ? `<saml:Attribute Name="displayName"><saml:AttributeValue>${escape(options.name)}</saml:AttributeValue></saml:Attribute>` : "",
  ].join("");
  const assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${assertionId}" Version="2.0" IssueInstant="${now}">` +
    `<saml:Issuer>${escape(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${escape(options.email)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${options.inResponseTo}" NotOnOrAfter="${notOnOrAfter}" Recipient="${escape(options.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escape(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now}" SessionIndex="_s${randomBytes(8).toString("hex")}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  let xml =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r${randomBytes(16).toString("hex")}" Version="2.0" IssueInstant="${now}" Destination="${escape(options.acsUrl)}" InResponseTo="${options.inResponseTo}">` +
    `<saml:Issuer>${escape(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  if ((options.sign ?? "assertion") === "assertion") {
    const signer = new SignedXml({
      privateKey: options.key ?? TEST_IDP_KEY,
      publicCert: options.cert ?? TEST_IDP_CERT,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    signer.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    signer.computeSignature(xml, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" } });
    xml = signer.getSignedXml();
  }
  if (options.tamper) xml = options.tamper(xml);
  return Buffer.from(xml, "utf8").toString("base64");
}
