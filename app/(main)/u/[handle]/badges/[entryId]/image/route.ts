import { imageNotFound } from "@/lib/design/image-response";
import { profileEntryImage } from "@/lib/public/profile";

// The image of a badge imported from elsewhere, as shown on its learner's public profile.
export async function GET(_request: Request, { params }: { params: Promise<{ handle: string; entryId: string }> }) {
  const { handle, entryId } = await params;
  const image = await profileEntryImage(handle, entryId);
  if (!image) return imageNotFound();
  const headers: Record<string, string> = {
    "Content-Type": image.type,
    "X-Content-Type-Options": "nosniff",
    // Follows the learner hiding the badge or the profile within a minute.
    "Cache-Control": "public, max-age=60",
  };
  // An SVG opened on its own may draw itself and nothing more.
  if (image.type === "image/svg+xml") headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
  return new Response(new Uint8Array(image.bytes), { headers });
}
