import { imageNotFound } from "@/lib/design/image-response";
import { storedImageResponse } from "@/lib/public/image-response";
import { profilePhoto } from "@/lib/public/profile";

// The photo on a public profile (kept out of the page itself: it may weigh up to 1 MB).
export async function GET(_request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const image = await profilePhoto((await params).handle);
  return image ? storedImageResponse(image) : imageNotFound();
}
