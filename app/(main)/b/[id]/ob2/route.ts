import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { ob2 } from "@/lib/issuing/public-documents";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const badgeClass = await ob2.badgeClass((await params).id);
  return badgeClass ? documentResponse(request, badgeClass) : notFoundDocument();
}
