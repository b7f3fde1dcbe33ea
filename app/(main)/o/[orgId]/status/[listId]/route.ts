import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { signedStatusList } from "@/lib/issuing/status-lists";

export const GET = publicRoute<{ orgId: string; listId: string }>({ params: { orgId: "id", listId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const list = await signedStatusList(params.orgId, params.listId);
  return list ? documentResponse(request, list) : null;
});
