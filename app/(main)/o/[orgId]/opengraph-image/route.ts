import { serveCard } from "@/lib/cards/serve";
import { publicRoute } from "@/lib/http/public-route";

// The issuer share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "short", rateLimit: "render", rateLimitOnlyRenders: true }, (request, { params, chargeRender }) =>
  serveCard("issuer", params.orgId, request, { beforeRender: chargeRender }),
);
