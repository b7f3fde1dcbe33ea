import { IMAGE_CSP } from "@/lib/images/headers";

/** A profile photo, an imported badge image or a logo, decoded from its data URL, for its public route. */
export function storedImageResponse(image: { bytes: Uint8Array; type: string }): Response {
  const headers: Record<string, string> = {
    "Content-Type": image.type,
    "X-Content-Type-Options": "nosniff",
    // Follows the learner hiding the badge or the profile within a minute.
    "Cache-Control": "public, max-age=60",
  };
  // An SVG opened on its own may draw itself and nothing more.
  if (image.type === "image/svg+xml") headers["Content-Security-Policy"] = IMAGE_CSP;
  return new Response(new Uint8Array(image.bytes), { headers });
}
