import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { publicAchievementDocument } from "@/lib/issuing/public-documents";

// Served at /b/{id} when the client asks for JSON: the OB 3.0 Achievement.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const achievement = await publicAchievementDocument((await params).id);
  return achievement ? documentResponse(request, achievement) : notFoundDocument();
}
