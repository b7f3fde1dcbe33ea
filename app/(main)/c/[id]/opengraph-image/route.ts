import { serveCard } from "@/lib/cards/serve";
import { publicRoute } from "@/lib/http/public-route";
import { recordCardPreview } from "@/lib/public/visits";

// The credential share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
// A link-preview crawler fetching it is how a preview is counted (the page itself is cached).
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "short", rateLimit: "render", rateLimitOnlyRenders: true }, async (request, { params, access, chargeRender }) => {
  const response = await serveCard("credential", params.id, request, { beforeRender: chargeRender });
  if (access === "public" && (response.status === 200 || response.status === 304)) recordCardPreview(params.id, request);
  return response;
});
