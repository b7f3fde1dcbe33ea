import { publicRoute } from "@/lib/http/public-route";
import { recordBeaconView } from "@/lib/public/visits";

// The cached credential page's beacon: a person's browser reports one view (crawlers run no script).
export const POST = publicRoute<{ id: string }>({ params: { id: "id" }, cache: "none" }, async (request, { params }) => {
  await recordBeaconView(params.id, request);
  return new Response(null, { status: 204 });
});
