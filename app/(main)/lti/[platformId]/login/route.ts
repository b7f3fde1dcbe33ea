import { publicRoute } from "@/lib/http/public-route";
import { loginRoute } from "@/lib/lti/routes";

// OIDC third-party initiated login: platforms send it as a GET or as a form POST.
const options = { params: { platformId: "id" }, cache: "none", rateLimit: "lti" } as const;

export const GET = publicRoute<{ platformId: string }>(options, (request, { params }) => loginRoute(request, params.platformId));
export const POST = publicRoute<{ platformId: string }>(options, (request, { params }) => loginRoute(request, params.platformId));
