import { publicRoute } from "@/lib/http/public-route";
import { finishSaml } from "@/lib/sso/flow";

// The SAML Assertion Consumer Service (HTTP-POST binding): the identity provider's answer.
export const POST = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "none" }, async (request, { params, ip }) => finishSaml(request, params.orgId, ip));
