import "server-only";
import { laurelFetcher, laurelCredentialId } from "@/lib/backpack/verify";
import { ObInputError } from "@/lib/ob/errors";
import { safeFetch, type SafeFetchResult } from "@/lib/ob/fetch/safe-fetch";
import { verifyCredential, type VerificationResult } from "@/lib/ob/verify";
import { publicUrls } from "@/lib/issuing/urls";
import { MAX_INPUT_BYTES, upgradeToHttps, type RemoteDocumentFetcher } from "@/lib/ob/verify/remote";

/**
 * The public verifier (/verify and POST /api/v1/verify): anything a person may hold as "a badge"
 * (a baked PNG or SVG, pasted JSON-LD, a VC-JWT or OB 2.0 JSON, or a URL) checked as anyone
 * would check it, by Laurel's verifier, with what was fetched from where. Nothing submitted is
 * stored; only the caller's rate-limit counter is.
 */

export type VerifierInput = { kind: "url"; url: string } | { kind: "text"; text: string } | { kind: "file"; bytes: Uint8Array };

export type Fetched = { url: string; ok: boolean };

export type VerifierAnswer = {
  input: VerifierInput["kind"];
  result: VerificationResult;
  /** Every document fetched (or tried) while checking, in order. */
  fetched: Fetched[];
};

export { MAX_VERIFY_BYTES, verifierUrlSchema, verifyBodySchema } from "./api-schemas";

/**
 * A Laurel credential's page, image or document, answered as its public JSON-LD document is
 * (from the database, private ones 404), without an HTTP round trip to ourselves.
 */
async function laurelInput(url: string, documents: RemoteDocumentFetcher): Promise<SafeFetchResult | null> {
  const id = laurelCredentialId(url);
  if (!id) return null;
  let document: unknown;
  try {
    document = await documents(publicUrls.credential(id));
  } catch {
    throw new ObInputError("http_status", `${url} answered HTTP 404.`);
  }
  return { url, status: 200, contentType: "application/ld+json", body: new TextEncoder().encode(JSON.stringify(document)) };
}

export async function verifyAnything(input: VerifierInput, options: { now?: Date; allowOrigins?: string[] } = {}): Promise<VerifierAnswer> {
  const fetched: Fetched[] = [];
  const documents = laurelFetcher({ allowOrigins: options.allowOrigins });
  const logged = async <T>(url: string, fetch: () => Promise<T>): Promise<T> => {
    try {
      const value = await fetch();
      fetched.push({ url, ok: true });
      return value;
    } catch (error) {
      fetched.push({ url, ok: false });
      throw error;
    }
  };
  const verifyOptions = {
    now: options.now,
    allowOrigins: options.allowOrigins,
    fetchRemote: (url: string) => logged(url.split("#")[0], () => documents(url)),
    fetchInput: (url: string) =>
      logged(url, async () => (await laurelInput(url, documents)) ?? safeFetch(upgradeToHttps(url, options.allowOrigins), { allowOrigins: options.allowOrigins, maxBytes: MAX_INPUT_BYTES })),
  };
  const subject = input.kind === "url" ? input.url : input.kind === "text" ? input.text : input.bytes;
  const result = await verifyCredential(subject, verifyOptions);
  return { input: input.kind, result, fetched };
}
