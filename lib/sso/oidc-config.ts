import "server-only";
import * as client from "openid-client";
import { idpFetch, isAllowedInsecureOrigin } from "./idp-fetch";

/** The openid-client configuration of an issuer, every request through Laurel's safe fetch. */
export async function oidcConfiguration(issuer: string, clientId: string, clientSecret?: string): Promise<client.Configuration> {
  const insecure = isAllowedInsecureOrigin(issuer);
  return client.discovery(new URL(issuer), clientId, clientSecret ? { client_secret: clientSecret } : undefined, clientSecret ? client.ClientSecretBasic(clientSecret) : undefined, {
    [client.customFetch]: idpFetch as client.CustomFetch,
    execute: insecure ? [client.allowInsecureRequests] : [],
    timeout: 10,
  });
}

/**
 * Reads an issuer's discovery document and answers the issuer it names. People paste issuers
 * with and without the trailing slash; the document's `issuer` must match exactly, so the other
 * spelling is tried too.
 */
export async function discoverIssuer(issuer: string, clientId: string): Promise<string> {
  const other = issuer.endsWith("/") ? issuer.replace(/\/+$/, "") : `${issuer}/`;
  try {
    return (await oidcConfiguration(issuer, clientId)).serverMetadata().issuer;
  } catch (first) {
    try {
      return (await oidcConfiguration(other, clientId)).serverMetadata().issuer;
    } catch {
      throw first;
    }
  }
}
