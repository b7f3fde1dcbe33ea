import { serveCard } from "@/lib/cards/serve";
import { publicRoute } from "@/lib/http/public-route";

// The profile share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export const GET = publicRoute<{ handle: string }>({ params: { handle: "handle" }, cache: "short", rateLimit: "render", rateLimitOnlyRenders: true }, (request, { params, chargeRender }) =>
  serveCard("profile", params.handle, request, { beforeRender: chargeRender }),
);
