import { documentResponse } from "@/lib/http/documents";
import { issuerJwks } from "@/lib/issuing/public-documents";

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  return documentResponse(request, await issuerJwks((await params).orgId), { ld: false });
}
