import "server-only";
import { laurelCredentialInput, laurelFetcher } from "@/lib/backpack/verify";
import { HttpStatusError, safeFetch, type SafeFetchResult } from "@/lib/ob/fetch/safe-fetch";
import { verifyCredential, type VerificationResult } from "@/lib/ob/verify";
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
 * A Laurel credential's page, image or document, answered as its public route would (the JWT
 * for `.jwt`, the OB 2.0 assertion for its URL; private ones 404), without an HTTP round trip
 * to ourselves.
 */
async function laurelInput(url: string): Promise<SafeFetchResult | null> {
  try {
    const found = await laurelCredentialInput(url);
    return found && { url, status: 200, ...found };
  } catch (error) {
    // What the public route would have answered (404 unknown or private, 410 revoked OB 2.0).
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number") throw new HttpStatusError(status, url);
    throw error;
  }
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
      logged(url, async () => (await laurelInput(url)) ?? safeFetch(upgradeToHttps(url, options.allowOrigins), { allowOrigins: options.allowOrigins, maxBytes: MAX_INPUT_BYTES })),
  };
  const subject = input.kind === "url" ? input.url : input.kind === "text" ? input.text : input.bytes;
  const result = await verifyCredential(subject, verifyOptions);
  return { input: input.kind, result, fetched };
}
