import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { ob2 } from "@/lib/issuing/public-documents";
import { downloadAccess, keepPrivate, recordDocumentFetch } from "@/lib/public/downloads";

// OB 2.0 hosted verification: a revoked assertion answers 410 Gone (the reason stays private).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await downloadAccess(id);
  const assertion = access ? await ob2.assertion(id) : null;
  if (!access || !assertion) return notFoundDocument();
  if (assertion.revoked) return keepPrivate(documentResponse(request, { revoked: true }, { status: 410 }), access);
  recordDocumentFetch(id, "ob2", request);
  return keepPrivate(documentResponse(request, assertion.document), access);
}
