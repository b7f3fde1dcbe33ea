import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { publishedKeyDocument } from "@/lib/issuing/public-documents";

// The key document itself (a Multikey whose controller is the issuer), so a verifier that takes
// whatever a verificationMethod URL answers as the key gets the key, not the whole profile.
export const GET = publicRoute<{ orgId: string; keyId: string }>({ params: { orgId: "id", keyId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const key = await publishedKeyDocument(params.orgId, params.keyId);
  return key ? documentResponse(request, key) : null;
});
