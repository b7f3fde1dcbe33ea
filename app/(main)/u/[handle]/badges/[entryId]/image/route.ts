import { imageNotFound } from "@/lib/design/image-response";
import { storedImageResponse } from "@/lib/public/image-response";
import { profileEntryImage } from "@/lib/public/profile";

// The image of a badge imported from elsewhere, as shown on its learner's public profile.
export async function GET(_request: Request, { params }: { params: Promise<{ handle: string; entryId: string }> }) {
  const { handle, entryId } = await params;
  const image = await profileEntryImage(handle, entryId);
  return image ? storedImageResponse(image) : imageNotFound();
}
