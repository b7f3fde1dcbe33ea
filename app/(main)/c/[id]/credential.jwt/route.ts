import { notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { downloadAccess, keepPrivate, recordDownload } from "@/lib/public/downloads";

// Download: the same credential as a VC-JWT.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await downloadAccess(id);
  const credential = access ? await findPublicCredential(id) : null;
  if (!access || !credential) return notFoundDocument();
  recordDownload(id, "jwt", request);
  return keepPrivate(new Response(credential.jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.jwt"`,
      "Access-Control-Allow-Origin": "*",
    },
  }), access);
}
