import { achievementVersionImage } from "@/lib/design/achievement-image";
import { imageResponse } from "@/lib/design/image-response";
import { publicRoute } from "@/lib/http/public-route";

// The badge image of one achievement version: printed in credentials, never changes.
export const GET = publicRoute<{ id: string; version: string }>(
  { params: { id: "id", version: "version" }, cache: "immutable", rateLimit: "render" },
  async (_request, { params }) => {
    const image = await achievementVersionImage(params.id, Number(params.version), "png");
    return image === null ? null : imageResponse(image, "png", { immutable: true });
  },
);
