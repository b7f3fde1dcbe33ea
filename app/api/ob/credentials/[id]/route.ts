import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { recordDocumentFetch } from "@/lib/public/downloads";

// Served at /c/{id} when the client asks for JSON: the signed OB 3.0 credential (its `id`).
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "short" }, async (request, { params: { id } }) => {
  const credential = await findPublicCredential(id);
  if (!credential) return null;
  recordDocumentFetch(id, "jsonld", request);
  return documentResponse(request, credential.document);
});
