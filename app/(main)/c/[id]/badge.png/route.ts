import { bakedCredentialBadge } from "@/lib/design/achievement-image";
import { imageResponse } from "@/lib/design/image-response";
import { publicRoute } from "@/lib/http/public-route";
import { recordDownload } from "@/lib/public/downloads";

// Download: the badge with the signed credential baked in, importable into other wallets.
export const GET = publicRoute<{ id: string }>(
  { params: { id: "id" }, credential: "id", cache: "revalidate", rateLimit: "render" },
  async (request, { params: { id } }) => {
    const image = await bakedCredentialBadge(id, "png");
    if (image === null) return null;
    recordDownload(id, "png", request);
    return imageResponse(image, "png", { downloadAs: `badge-${id}.png` });
  },
);
