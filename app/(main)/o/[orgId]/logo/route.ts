import { publicRoute } from "@/lib/http/public-route";
import { organizationLogo } from "@/lib/orgs/public-logo";
import { storedImageResponse } from "@/lib/public/image-response";

// The organization's logo on its public pages (kept out of the pages themselves: see lib/orgs/public-logo.ts).
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "short" }, async (_request, { params }) => {
  const image = await organizationLogo(params.orgId);
  return image ? storedImageResponse(image) : null;
});
