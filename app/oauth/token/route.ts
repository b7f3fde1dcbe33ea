import { publicPreflight, publicRoute } from "@/lib/http/public-route";
import { tokenEndpoint } from "@/lib/ob-api/token";

// OAuth 2.0 token endpoint: authorization codes (PKCE S256) and refresh tokens.
export const POST = publicRoute({ params: {}, cache: "none", rateLimit: "oauth", cors: true }, tokenEndpoint);

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => publicPreflight(["POST"]));
