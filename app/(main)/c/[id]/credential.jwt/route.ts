import { publicRoute } from "@/lib/http/public-route";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { recordDownload } from "@/lib/public/downloads";

// Download: the same credential as a VC-JWT.
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "revalidate" }, async (request, { params: { id } }) => {
  const credential = await findPublicCredential(id);
  if (!credential) return null;
  recordDownload(id, "jwt", request);
  return new Response(credential.jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.jwt"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
});
