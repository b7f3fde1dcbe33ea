import { notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";

// Download: the same credential as a VC-JWT.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const credential = await findPublicCredential((await params).id);
  if (!credential) return notFoundDocument();
  return new Response(credential.jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.jwt"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
