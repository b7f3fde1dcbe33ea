import { publicRoute } from "@/lib/http/public-route";
import { launchRoute } from "@/lib/lti/routes";

// The redirect URI: the platform posts the id_token and state here (resource links and deep linking).
export const POST = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "none", rateLimit: "lti" }, (request, { params }) =>
  launchRoute(request, params.orgId),
);
