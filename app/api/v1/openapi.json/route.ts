import { publicRoute } from "@/lib/http/public-route";
import { openApiDocument } from "@/lib/api/openapi";

// Rendered per request: the server URL in the document is the running app's BASE_URL.
export const dynamic = "force-dynamic";

export const GET = publicRoute({ params: {}, cache: "short" }, async () =>
  Response.json(openApiDocument(), { headers: { "Access-Control-Allow-Origin": "*" } }),
);
