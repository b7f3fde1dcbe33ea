import { publicRoute } from "@/lib/http/public-route";
import { toolJwks } from "@/lib/lti/platforms";

// The tool's public keys for this registration: the platform verifies deep-linking answers and client assertions with them.
export const GET = publicRoute<{ platformId: string }>({ params: { platformId: "id" }, cache: "revalidate" }, async (_request, { params }) => {
  const jwks = await toolJwks(params.platformId);
  return jwks && Response.json(jwks, { headers: { "content-type": "application/jwk-set+json" } });
});
