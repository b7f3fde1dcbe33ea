import { documentResponse } from "@/lib/http/documents";
import { allIssuerJwks } from "@/lib/issuing/public-documents";

export async function GET(request: Request) {
  return documentResponse(request, await allIssuerJwks(), { ld: false });
}
