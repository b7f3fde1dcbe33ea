import { publicRoute } from "@/lib/http/public-route";
import { toolConfiguration } from "@/lib/lti/platforms";

// The configuration a platform's admin pastes (a Canvas developer key's JSON), the same for every platform of the organization.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate", cors: true }, async (_request, { params }) => {
  const configuration = await toolConfiguration(params.orgId);
  return configuration && Response.json(configuration);
});
