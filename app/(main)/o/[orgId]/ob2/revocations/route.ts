import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { ob2 } from "@/lib/issuing/public-documents";

export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const list = await ob2.revocationList(params.orgId);
  return list ? documentResponse(request, list) : null;
});
