import { publicRoute } from "@/lib/http/public-route";
import { launchRoute } from "@/lib/lti/routes";

// Deep linking's target link URI: a platform that posts the id_token there is served like the launch URL.
export const POST = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "none", rateLimit: "lti" }, (request, { params }) =>
  launchRoute(request, params.orgId),
);
