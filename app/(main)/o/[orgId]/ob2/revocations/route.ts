import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { ob2 } from "@/lib/issuing/public-documents";

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const list = await ob2.revocationList((await params).orgId);
  return list ? documentResponse(request, list) : notFoundDocument();
}
