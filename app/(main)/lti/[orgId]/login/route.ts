import { publicRoute } from "@/lib/http/public-route";
import { loginRoute } from "@/lib/lti/routes";

// OIDC third-party initiated login: platforms send it as a GET or as a form POST.
const options = { params: { orgId: "id" }, cache: "none", rateLimit: "lti" } as const;

export const GET = publicRoute<{ orgId: string }>(options, (request, { params }) => loginRoute(request, params.orgId));
export const POST = publicRoute<{ orgId: string }>(options, (request, { params }) => loginRoute(request, params.orgId));
