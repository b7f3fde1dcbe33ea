import { bakedCredentialBadge } from "@/lib/design/achievement-image";
import { imageResponse } from "@/lib/design/image-response";
import { publicRoute } from "@/lib/http/public-route";
import { recordDownload } from "@/lib/public/downloads";

// Download: the badge with the signed credential baked in, importable into other wallets.
export const GET = publicRoute<{ id: string }>(
  { params: { id: "id" }, credential: "id", cache: "revalidate", rateLimit: "render" },
  async (request, { params: { id } }) => {
    const image = await bakedCredentialBadge(id, "svg");
    if (image === null) return null;
    recordDownload(id, "svg", request);
    return imageResponse(image, "svg", { downloadAs: `badge-${id}.svg` });
  },
);
