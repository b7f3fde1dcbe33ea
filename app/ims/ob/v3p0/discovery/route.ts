import { publicPreflight, publicRoute } from "@/lib/http/public-route";
import { serviceDescription } from "@/lib/ob-api/discovery";

// The Open Badges 3.0 Service Description Document, at the path the spec fixes; unprotected.
export const GET = publicRoute({ params: {}, cache: "short", cors: true }, async () => Response.json(serviceDescription()));

export const OPTIONS = publicRoute({ params: {}, cache: "none" }, async () => publicPreflight(["GET"]));
