import { publicRoute } from "@/lib/http/public-route";
import { authorizationServerMetadata } from "@/lib/ob-api/discovery";

// RFC 8414 metadata of the authorization server behind the Open Badges 3.0 API.
export const GET = publicRoute({ params: {}, cache: "short", cors: true }, async () => Response.json(authorizationServerMetadata()));
