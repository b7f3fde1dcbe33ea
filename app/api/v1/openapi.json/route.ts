import { openApiDocument } from "@/lib/api/openapi";

// Rendered per request: the server URL in the document is the running app's BASE_URL.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" } });
}
