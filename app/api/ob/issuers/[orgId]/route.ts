import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { publishedIssuerProfile } from "@/lib/issuing/issuer-profile";

// Served at /o/{orgId} when the client asks for JSON (next.config.js rewrites): the issuer
// Profile with its keys, so verification methods and JWT kids dereference here.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const profile = await publishedIssuerProfile(params.orgId);
  return profile ? documentResponse(request, profile) : null;
});
