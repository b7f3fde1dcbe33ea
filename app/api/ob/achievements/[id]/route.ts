import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { publicAchievementDocument } from "@/lib/issuing/public-documents";

// Served at /b/{id} when the client asks for JSON: the OB 3.0 Achievement.
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const achievement = await publicAchievementDocument(params.id);
  return achievement ? documentResponse(request, achievement) : null;
});
