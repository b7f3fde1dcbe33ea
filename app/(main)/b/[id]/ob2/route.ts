import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { ob2 } from "@/lib/issuing/public-documents";

export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, cache: "revalidate" }, async (request, { params }) => {
  const badgeClass = await ob2.badgeClass(params.id);
  return badgeClass ? documentResponse(request, badgeClass) : null;
});
