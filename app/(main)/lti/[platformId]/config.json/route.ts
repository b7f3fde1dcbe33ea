import { publicRoute } from "@/lib/http/public-route";
import { toolConfiguration } from "@/lib/lti/platforms";

// The configuration a platform's admin pastes (a Canvas developer key's JSON).
export const GET = publicRoute<{ platformId: string }>({ params: { platformId: "id" }, cache: "revalidate", cors: true }, async (_request, { params }) => {
  const configuration = await toolConfiguration(params.platformId);
  return configuration && Response.json(configuration);
});
