import { bakedCredentialBadge } from "@/lib/design/achievement-image";
import { imageNotFound, imageResponse } from "@/lib/design/image-response";

// Download: the badge with the signed credential baked in, importable into other wallets.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const image = await bakedCredentialBadge(id, "png");
  return image === null ? imageNotFound() : imageResponse(image, "png", { downloadAs: `badge-${id}.png` });
}
