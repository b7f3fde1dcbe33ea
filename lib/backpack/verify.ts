import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { publishedIssuerProfile } from "@/lib/issuing/issuer-profile";
import { allIssuerJwks, findPublicCredential, issuerJwks, ob2, publicAchievementDocument, publishedKeyDocument, revocationListDocument } from "@/lib/issuing/public-documents";
import { signedStatusList } from "@/lib/issuing/status-lists";
import { verifyCredential, type VerificationResult, type VerifyOptions } from "@/lib/ob/verify";
import { safeFetch } from "@/lib/ob/fetch/safe-fetch";
import { upgradeToHttps, type RemoteDocumentFetcher } from "@/lib/ob/verify/remote";
import { publicUrls } from "@/lib/issuing/urls";
import { matchPublicPath, type PublicUrlName } from "@/lib/http/url-contract";
import { credentialVisibility } from "./access";

/** What a public route would answer with a status: 404 for unknown, 410 for a revoked OB 2.0 assertion. */
class LaurelDocumentError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`${url} answered HTTP ${status}.`);
    this.name = "LaurelDocumentError";
  }
}

type Loader = (params: Record<string, string>) => Promise<unknown>;

/** Credentials that their learner made private are 404 to the public routes, so to us too. */
async function publicCredential(id: string) {
  if ((await credentialVisibility(id)) !== "public") return null;
  return findPublicCredential(id);
}

async function ob2Assertion(id: string) {
  if ((await credentialVisibility(id)) !== "public") return null;
  const assertion = await ob2.assertion(id);
  if (!assertion) return null;
  // The OB 2.0 hosted assertion answers 410 Gone once revoked: the verifier reads that as "revoked".
  if (assertion.revoked) throw new LaurelDocumentError(410, publicUrls.ob2Assertion(id));
  return assertion.document;
}

/**
 * The JSON each public document URL of the URL table (lib/http/url-contract.ts) answers, read
 * straight from the database; URLs that are not JSON documents (images, pages) have none.
 */
export const LAUREL_DOCUMENTS: Partial<Record<PublicUrlName, Loader>> = {
  issuer: ({ orgId }) => publishedIssuerProfile(orgId),
  statusList: ({ orgId, listId }) => signedStatusList(orgId, listId),
  revocationList: ({ orgId }) => revocationListDocument(orgId),
  issuerJwks: ({ orgId }) => issuerJwks(orgId),
  issuerKey: ({ orgId, keyId }) => publishedKeyDocument(orgId, keyId),
  ob2Issuer: ({ orgId }) => ob2.issuer(orgId),
  ob2RevocationList: ({ orgId }) => ob2.revocationList(orgId),
  achievement: ({ id }) => publicAchievementDocument(id),
  ob2BadgeClass: ({ id }) => ob2.badgeClass(id),
  credential: async ({ id }) => (await publicCredential(id))?.document ?? null,
  credentialJson: async ({ id }) => (await publicCredential(id))?.document ?? null,
  ob2Assertion: ({ id }) => ob2Assertion(id),
  jwks: () => allIssuerJwks(),
};

function laurelPath(url: string): string | null {
  let parsed: URL;
  let base: URL;
  try {
    parsed = new URL(url);
    base = new URL(env().BASE_URL);
  } catch {
    return null;
  }
  if (parsed.origin !== base.origin) return null;
  const prefix = base.pathname.replace(/\/$/, "");
  if (!parsed.pathname.startsWith(prefix + "/")) return null;
  return parsed.pathname.slice(prefix.length).replace(/\/$/, "") || "/";
}

/** Whether a URL names one of Laurel's own public documents (under BASE_URL). */
export function isLaurelUrl(url: string): boolean {
  return laurelPath(url) !== null;
}

const CREDENTIAL_URLS = new Set<PublicUrlName>(["credential", "credentialJson", "credentialJwt", "ob2Assertion", "credentialBadgePng", "credentialBadgeSvg"]);

/** The credential id when `url` is a Laurel credential URL (`{BASE_URL}/c/{id}` or one of its JSON forms). */
export function laurelCredentialId(url: string): string | null {
  const path = laurelPath(url.split("#")[0]);
  const match = path === null ? null : matchPublicPath(path);
  return match && CREDENTIAL_URLS.has(match.name) ? match.params.id : null;
}

/**
 * What one of Laurel's credential URLs answers, read from the database as its public route
 * would serve it (private: 404): the VC-JWT for `credential.jwt`, the OB 2.0 assertion for
 * `/ob2/assertions/…` (410 once revoked), the signed JSON-LD for the page, `.json` and the baked
 * images. Null when `url` is not a Laurel credential URL.
 */
export async function laurelCredentialInput(url: string): Promise<{ contentType: string; body: Uint8Array } | null> {
  const path = laurelPath(url.split("#")[0]);
  const match = path === null ? null : matchPublicPath(path);
  if (!match || !CREDENTIAL_URLS.has(match.name)) return null;
  const { id } = match.params;
  if (match.name === "credentialJwt") {
    const credential = await publicCredential(id);
    if (!credential?.jwt) throw new LaurelDocumentError(404, url);
    return { contentType: "application/vc+jwt", body: new TextEncoder().encode(credential.jwt) };
  }
  const document = match.name === "ob2Assertion" ? await ob2Assertion(id) : (await publicCredential(id))?.document;
  if (!document) throw new LaurelDocumentError(404, url);
  return { contentType: "application/ld+json", body: new TextEncoder().encode(JSON.stringify(document)) };
}

async function fetchLaurelDocument(url: string, path: string): Promise<unknown> {
  const match = matchPublicPath(path);
  const load = match ? LAUREL_DOCUMENTS[match.name] : undefined;
  const document = match && load ? await load(match.params) : null;
  if (document === null || document === undefined) throw new LaurelDocumentError(404, url);
  return document;
}

/**
 * A `fetchRemote` for verifyCredential: Laurel's own public documents come from the database
 * (no HTTP round trip to ourselves, and it works when BASE_URL is a loopback address the safe
 * fetcher would rightly refuse); everything else goes through the engine's safe fetcher.
 */
export const fetchRemoteWithLaurel: RemoteDocumentFetcher = laurelFetcher();

/**
 * fetchRemoteWithLaurel, with origins the safe fetcher may reach although local (tests, a dev
 * server), or another fetcher for everything that is not Laurel's (tests serving fixtures).
 */
export function laurelFetcher(options: { allowOrigins?: string[]; others?: RemoteDocumentFetcher } = {}): RemoteDocumentFetcher {
  const allowOrigins = options.allowOrigins ?? [];
  return async (url: string): Promise<unknown> => {
    const clean = url.split("#")[0];
    const path = laurelPath(clean);
    if (path !== null) return fetchLaurelDocument(clean, path);
    if (options.others) return options.others(url);
    const response = await safeFetch(upgradeToHttps(clean, allowOrigins), {
      allowOrigins,
      accept: "application/ld+json, application/json;q=0.9, */*;q=0.1",
    });
    return response.body;
  };
}

/** verifyCredential with Laurel's own documents served from the database. */
export function verifyWithLaurel(input: Parameters<typeof verifyCredential>[0], options: VerifyOptions = {}): Promise<VerificationResult> {
  return verifyCredential(input, { ...options, fetchRemote: options.fetchRemote ?? laurelFetcher({ allowOrigins: options.allowOrigins }) });
}

/** Verifies a credential Laurel issued, as stored (signed JSON-LD); null when there is no such credential. */
export async function verifyIssuedCredential(credentialId: string, options: Pick<VerifyOptions, "now"> = {}): Promise<VerificationResult | null> {
  const credential = await db.credential.findUnique({ where: { id: credentialId }, select: { document: true } });
  if (!credential) return null;
  return verifyCredential(credential.document as Record<string, unknown>, { ...options, fetchRemote: fetchRemoteWithLaurel });
}
