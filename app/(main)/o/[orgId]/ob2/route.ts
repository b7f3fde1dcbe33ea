import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { ob2 } from "@/lib/issuing/public-documents";

export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const issuer = await ob2.issuer(params.orgId);
  return issuer ? documentResponse(request, issuer) : null;
});
