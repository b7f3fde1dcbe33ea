import { publicRoute } from "@/lib/http/public-route";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { recordDownload } from "@/lib/public/downloads";

// Download: the OB 3.0 credential with its Data Integrity proof.
export const GET = publicRoute<{ id: string }>({ params: { id: "id" }, credential: "id", cache: "revalidate" }, async (request, { params: { id } }) => {
  const credential = await findPublicCredential(id);
  if (!credential) return null;
  recordDownload(id, "json", request);
  return new Response(JSON.stringify(credential.document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.json"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
});
