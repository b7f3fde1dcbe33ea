import { publicRoute } from "@/lib/http/public-route";
import { storedImageResponse } from "@/lib/public/image-response";
import { profileEntryImage } from "@/lib/public/profile";

// The image of a badge imported from elsewhere, as shown on its learner's public profile.
export const GET = publicRoute<{ handle: string; entryId: string }>(
  { params: { handle: "handle", entryId: "id" }, cache: "short", rateLimit: "render" },
  async (_request, { params }) => {
    const image = await profileEntryImage(params.handle, params.entryId);
    return image ? storedImageResponse(image) : null;
  },
);
