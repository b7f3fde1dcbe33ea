import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { ob2 } from "@/lib/issuing/public-documents";

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const issuer = await ob2.issuer((await params).orgId);
  return issuer ? documentResponse(request, issuer) : notFoundDocument();
}
