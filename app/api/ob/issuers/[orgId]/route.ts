import { documentResponse, notFoundDocument } from "@/lib/http/documents";
import { publishedIssuerProfile } from "@/lib/issuing/issuer-profile";

// Served at /o/{orgId} when the client asks for JSON (next.config.js rewrites): the issuer
// Profile with its keys, so verification methods and JWT kids dereference here.
export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const profile = await publishedIssuerProfile((await params).orgId);
  return profile ? documentResponse(request, profile) : notFoundDocument();
}
