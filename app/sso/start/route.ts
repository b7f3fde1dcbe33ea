import { publicRoute } from "@/lib/http/public-route";
import { startSso } from "@/lib/sso/flow";

// Where /sign-in?email=… sends a person whose domain signs in through their organization.
export const GET = publicRoute({ params: {}, cache: "none" }, async (request, { ip }) => startSso(request, ip));
