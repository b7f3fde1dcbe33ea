import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";

const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
const DS = "http://www.w3.org/2000/09/xmldsig#";
const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

export type IdpMetadata = {
  entityId: string;
  /** Where the AuthnRequest goes (the HTTP-Redirect binding, which every common IdP offers). */
  ssoUrl: string;
  /** Signing certificates, base64 DER, each one a valid X.509 certificate. */
  certificates: string[];
};

/** Why metadata was refused; the code names the reason for the person who pasted it. */
export class MetadataError extends Error {
  constructor(readonly code: "sso_metadata_invalid" | "sso_metadata_no_idp" | "sso_metadata_no_sso_url" | "sso_metadata_no_certificate") {
    super(code);
    this.name = "MetadataError";
  }
}

/**
 * Reads an identity provider's SAML 2.0 metadata: its entity id, its single sign-on URL and the
 * certificates it signs with (KeyDescriptor use="signing", or without a use). Entities files
 * (several EntityDescriptors) take the first one with an IDPSSODescriptor. No external entity or
 * DTD is ever resolved (xmldom does not).
 */
export function parseIdpMetadata(xml: string): IdpMetadata {
  if (!xml.trim().startsWith("<") || /<!DOCTYPE/i.test(xml)) throw new MetadataError("sso_metadata_invalid");
  let doc: Document;
  try {
    const errors: string[] = [];
    doc = new DOMParser({ errorHandler: { error: (message: string) => errors.push(message), fatalError: (message: string) => errors.push(message) } }).parseFromString(xml, "application/xml") as unknown as Document;
    if (errors.length || !doc?.documentElement) throw new MetadataError("sso_metadata_invalid");
  } catch {
    throw new MetadataError("sso_metadata_invalid");
  }
  const entities = elements(doc, MD, "EntityDescriptor");
  const entity = entities.find((candidate) => elements(candidate, MD, "IDPSSODescriptor").length > 0);
  if (!entity) throw new MetadataError(entities.length ? "sso_metadata_no_idp" : "sso_metadata_invalid");
  const entityId = entity.getAttribute("entityID")?.trim();
  if (!entityId) throw new MetadataError("sso_metadata_invalid");
  const idp = elements(entity, MD, "IDPSSODescriptor")[0];

  const services = elements(idp, MD, "SingleSignOnService").map((service) => ({ binding: service.getAttribute("Binding"), location: service.getAttribute("Location")?.trim() ?? "" }));
  const redirect = services.find((service) => service.binding === REDIRECT_BINDING && isHttpUrl(service.location));
  if (!redirect) throw new MetadataError("sso_metadata_no_sso_url");

  const certificates: string[] = [];
  for (const descriptor of elements(idp, MD, "KeyDescriptor")) {
    const use = descriptor.getAttribute("use");
    if (use && use !== "signing") continue;
    for (const node of elements(descriptor, DS, "X509Certificate")) {
      const base64 = (node.textContent ?? "").replace(/\s+/g, "");
      if (base64 && isCertificate(base64) && !certificates.includes(base64)) certificates.push(base64);
    }
  }
  if (certificates.length === 0) throw new MetadataError("sso_metadata_no_certificate");
  return { entityId, ssoUrl: redirect.location, certificates };
}

function elements(parent: Document | Element, namespace: string, name: string): Element[] {
  return Array.from(parent.getElementsByTagNameNS(namespace, name) as unknown as ArrayLike<Element>);
}

function isHttpUrl(value: string): boolean {
  try {
    return ["https:", "http:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isCertificate(base64: string): boolean {
  try {
    new X509Certificate(Buffer.from(base64, "base64"));
    return true;
  } catch {
    return false;
  }
}

/** A certificate as PEM, as the SAML library takes it. */
export function certificatePem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
}
