import { publicPreflight, publicRoute } from "@/lib/http/public-route";
import { revocationEndpoint } from "@/lib/ob-api/token";

// OAuth 2.0 token revocation (RFC 7009).
export const POST = publicRoute({ params: {}, cache: "none", rateLimit: "oauth", cors: true }, revocationEndpoint);

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => publicPreflight(["POST"]));
