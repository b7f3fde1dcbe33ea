import { achievementVersionImage } from "@/lib/design/achievement-image";
import { imageNotFound, imageResponse } from "@/lib/design/image-response";

// The badge image of one achievement version: printed in credentials, never changes.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version } = await params;
  const image = /^\d{1,6}$/.test(version) ? await achievementVersionImage(id, Number(version), "svg") : null;
  return image === null ? imageNotFound() : imageResponse(image, "svg", { immutable: true });
}
