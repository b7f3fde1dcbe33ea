import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { ob2 } from "@/lib/issuing/public-documents";

// OB 2.0 hosted verification: a revoked assertion answers 410 Gone (the reason stays private).
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const assertion = await ob2.assertion((await params).id);
  if (!assertion) return notFoundDocument();
  if (assertion.revoked) return documentResponse(request, { revoked: true }, { status: 410 });
  return documentResponse(request, assertion.document);
}
