import { publicRoute } from "@/lib/http/public-route";
import { toolJwks } from "@/lib/lti/platforms";

// The organization's tool keys (public): a platform verifies deep-linking answers and client assertions with them.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (_request, { params }) => {
  const jwks = await toolJwks(params.orgId);
  return jwks && Response.json(jwks, { headers: { "content-type": "application/jwk-set+json" } });
});
