import { publicRoute } from "@/lib/http/public-route";
import { finishOidc } from "@/lib/sso/flow";

// The OpenID Connect redirect URI an organization registers at its provider.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "none" }, async (request, { params, ip }) => finishOidc(request, params.orgId, ip));
