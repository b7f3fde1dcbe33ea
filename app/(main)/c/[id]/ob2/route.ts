import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { ob2 } from "@/lib/issuing/public-documents";
import { recordDocumentFetch } from "@/lib/public/downloads";

// OB 2.0 hosted verification: a revoked assertion answers 410 Gone (the reason stays private).
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "revalidate" }, async (request, { params: { id } }) => {
  const assertion = await ob2.assertion(id);
  if (!assertion) return null;
  if (assertion.revoked) return documentResponse(request, { revoked: true }, { status: 410 });
  recordDocumentFetch(id, "ob2", request);
  return documentResponse(request, assertion.document);
});
