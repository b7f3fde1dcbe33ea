import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { signedStatusList } from "@/lib/issuing/status-lists";

export async function GET(request: Request, { params }: { params: Promise<{ orgId: string; listId: string }> }) {
  const { orgId, listId } = await params;
  const list = await signedStatusList(orgId, listId);
  return list ? documentResponse(request, list) : notFoundDocument();
}
