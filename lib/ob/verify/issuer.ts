// Is the signer the issuer the credential names? A valid signature by somebody else's key
// proves nothing about the issuer.
import type { JWK } from "jose";
import { didJwkDocument, didKeyDocument } from "../document-loader";
import { resolveDidWeb } from "./did-web";
import { jwkOfMethod, sameKey } from "./jwt";
import { describeFetchError, type Remote } from "./remote";
import { asArray, cannotCheck, fail, idOf, isObject, pass, shortId, type Check, type Json } from "./result";

export type SignerEvidence = {
  proofOk: boolean;
  /** Controllers of the keys behind the verified proofs. */
  controllers: string[];
  /** A key the JWT carried in its header: bound to nobody until the issuer's profile lists it. */
  embeddedJwk?: JWK;
};

async function issuerPublishes(issuerId: string, jwk: JWK, remote: Remote): Promise<boolean> {
  let document: unknown;
  if (issuerId.startsWith("did:key:")) document = didKeyDocument(issuerId.split("#")[0]);
  else if (issuerId.startsWith("did:jwk:")) document = didJwkDocument(issuerId.split("#")[0]);
  else if (issuerId.startsWith("did:web:")) document = await resolveDidWeb(issuerId, remote);
  else document = await remote.json(issuerId);
  if (!isObject(document)) return false;
  const candidates = [...asArray(document.verificationMethod), ...asArray(document.assertionMethod), ...asArray(document.keys)];
  for (const candidate of candidates) {
    const key = isObject(candidate) ? jwkOfMethod(candidate) : undefined;
    if (key && (await sameKey(key, jwk))) return true;
  }
  return false;
}

export async function checkIssuer(credential: Json, signer: SignerEvidence, remote: Remote): Promise<Check> {
  const issuerId = idOf(credential.issuer);
  if (!issuerId) return fail("issuer", "issuer_missing", "The credential does not name its issuer (issuer id).");

  if (signer.embeddedJwk && signer.proofOk) {
    if (!/^https?:\/\//.test(issuerId) && !/^did:(key|jwk|web):/.test(issuerId)) {
      return fail("issuer", "issuer_key_mismatch", `The JWT carries its own key, and the issuer ${shortId(issuerId)} publishes no keys to compare it with.`);
    }
    try {
      if (await issuerPublishes(issuerId, signer.embeddedJwk, remote)) {
        return pass("issuer", "verified", `Signed with a key that the issuer ${shortId(issuerId)} publishes.`);
      }
    } catch (error) {
      return cannotCheck("issuer", "issuer_unavailable", `The issuer's profile could not be fetched (${describeFetchError(issuerId, error)}), so the JWT's own key could not be tied to ${shortId(issuerId)}.`);
    }
    return fail("issuer", "issuer_key_mismatch", `The JWT carries its own key, which the issuer ${shortId(issuerId)} does not publish: anyone could have signed it.`);
  }

  if (!signer.proofOk || signer.controllers.length === 0) {
    // Not a failure of its own: the proof check says whether it failed or could not be done.
    return cannotCheck("issuer", "issuer_unverified", `The issuer ${shortId(issuerId)} could not be confirmed, because the proof did not pass.`);
  }
  const others = [...new Set(signer.controllers.filter((controller) => controller !== issuerId))];
  if (others.length > 0) {
    return fail("issuer", "issuer_key_mismatch", `Signed with a key of ${others.map((other) => shortId(other)).join(", ")}, not of the issuer ${shortId(issuerId)}.`);
  }
  return pass("issuer", "verified", `Signed with a key of the issuer ${shortId(issuerId)}.`);
}
