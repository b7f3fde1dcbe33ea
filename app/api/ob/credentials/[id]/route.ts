import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { downloadAccess, keepPrivate, recordDocumentFetch } from "@/lib/public/downloads";

// Served at /c/{id} when the client asks for JSON: the signed OB 3.0 credential (its `id`).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await downloadAccess(id);
  const credential = access ? await findPublicCredential(id) : null;
  if (!access || !credential) return notFoundDocument();
  recordDocumentFetch(id, "jsonld", request);
  return keepPrivate(documentResponse(request, credential.document, { cacheSeconds: 300 }), access);
}
