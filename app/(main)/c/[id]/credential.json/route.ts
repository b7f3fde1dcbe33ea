import { notFoundDocument } from "@/lib/http/documents";
import { findPublicCredential } from "@/lib/issuing/public-documents";
import { downloadAccess, keepPrivate, recordDownload } from "@/lib/public/downloads";

// Download: the OB 3.0 credential with its Data Integrity proof.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await downloadAccess(id);
  const credential = access ? await findPublicCredential(id) : null;
  if (!access || !credential) return notFoundDocument();
  recordDownload(id, "json", request);
  return keepPrivate(new Response(JSON.stringify(credential.document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="credential-${credential.id}.json"`,
      "Access-Control-Allow-Origin": "*",
    },
  }), access);
}
