import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { revocationListDocument } from "@/lib/issuing/public-documents";

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const list = await revocationListDocument((await params).orgId);
  return list ? documentResponse(request, list, { ld: false }) : notFoundDocument();
}
