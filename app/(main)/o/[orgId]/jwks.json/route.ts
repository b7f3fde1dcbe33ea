import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { issuerJwks } from "@/lib/issuing/public-documents";

export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (request, { params }) =>
  documentResponse(request, await issuerJwks(params.orgId), { ld: false }),
);
