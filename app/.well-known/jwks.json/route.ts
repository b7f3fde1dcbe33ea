import { documentResponse } from "@/lib/http/documents";
import { publicRoute } from "@/lib/http/public-route";
import { allIssuerJwks } from "@/lib/issuing/public-documents";

export const GET = publicRoute({ params: {}, cache: "revalidate" }, async (request) => documentResponse(request, await allIssuerJwks(), { ld: false }));
