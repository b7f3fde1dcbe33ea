import { db } from "@/lib/db";
import { buildIssuerProfile } from "@/lib/ob/build";
import { publishedKeys } from "./signing-keys";
import { publicUrls } from "./urls";

type Org = { id: string; name: string; website: string | null; email: string | null; description: string | null };

const profileFields = (org: Org) => ({
  id: publicUrls.issuer(org.id),
  name: org.name,
  url: org.website ?? undefined,
  email: org.email ?? undefined,
  description: org.description ?? undefined,
});

/** The issuer as embedded in credentials (no keys: those are looked up from the issuer id). */
export function issuerDocument(org: Org): object {
  return buildIssuerProfile(profileFields(org));
}

/**
 * What the issuer id URL answers with JSON: the Profile with every published key as a
 * Multikey verification method (with its JWK), so `<issuer id>#<key id>` dereferences to the
 * right key, and each key document URL listed as an assertion method.
 */
export async function publishedIssuerProfile(organizationId: string): Promise<object | null> {
  const org = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, website: true, email: true, description: true },
  });
  if (!org) return null;
  const keys = await publishedKeys(org.id);
  return buildIssuerProfile({ ...profileFields(org), keys: keys.map((key) => ({ id: key.keyId, publicKey: key.publicKey, url: key.url })) });
}
