import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";

// Served at /c/{id} when the client asks for JSON: the signed OB 3.0 credential (its `id`).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const credential = await findPublicCredential((await params).id);
  return credential ? documentResponse(request, credential.document, { cacheSeconds: 300 }) : notFoundDocument();
}
