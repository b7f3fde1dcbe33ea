import { publicRoute } from "@/lib/http/public-route";
import { storedImageResponse } from "@/lib/public/image-response";
import { profilePhoto } from "@/lib/public/profile";

// The photo on a public profile (kept out of the page itself: it may weigh up to 1 MB).
export const GET = publicRoute<{ handle: string }>({ params: { handle: "handle" }, cache: "short", rateLimit: "render" }, async (_request, { params }) => {
  const image = await profilePhoto(params.handle);
  return image ? storedImageResponse(image) : null;
});
