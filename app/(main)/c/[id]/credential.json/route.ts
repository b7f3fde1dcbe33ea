import { notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";

// Download: the OB 3.0 credential with its Data Integrity proof.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const credential = await findPublicCredential((await params).id);
  if (!credential) return notFoundDocument();
  return new Response(JSON.stringify(credential.document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.json"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
