import { serveCard } from "@/lib/cards/serve";
import { publicRoute } from "@/lib/http/public-route";

// The program's share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, cache: "short", rateLimit: "render", rateLimitOnlyRenders: true }, (request, { params, chargeRender }) =>
  serveCard("program", params.id, request, { beforeRender: chargeRender }),
);
