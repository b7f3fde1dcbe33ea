import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { revocationListDocument } from "@/lib/issuing/public-documents";

export const GET = publicRoute<{ orgId: string }>({ params: { orgId: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const list = await revocationListDocument(params.orgId);
  return list ? documentResponse(request, list, { ld: false }) : null;
});
