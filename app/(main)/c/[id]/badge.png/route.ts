import { bakedCredentialBadge } from "@/lib/design/achievement-image";
import { imageNotFound, imageResponse } from "@/lib/design/image-response";
import { downloadAccess, keepPrivate, recordDownload } from "@/lib/public/downloads";

// Download: the badge with the signed credential baked in, importable into other wallets.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await downloadAccess(id);
  if (!access) return imageNotFound();
  const image = await bakedCredentialBadge(id, "png");
  if (image === null) return imageNotFound();
  recordDownload(id, "png", request);
  return keepPrivate(imageResponse(image, "png", { downloadAs: `badge-${id}.png` }), access);
}
