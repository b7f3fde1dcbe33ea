import { publicRoute } from "@/lib/http/public-route";
import { launchRoute } from "@/lib/lti/routes";

// Deep linking's target: a platform that posts the id_token to its target link URI lands here.
export const POST = publicRoute<{ platformId: string }>({ params: { platformId: "id" }, cache: "none", rateLimit: "lti" }, (request, { params }) =>
  launchRoute(request, params.platformId),
);
