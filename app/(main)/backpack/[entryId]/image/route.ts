import { IMAGE_CSP } from "@/lib/images/headers";
import { importedImage } from "@/lib/backpack/entry-detail";
import { AppError } from "@/lib/errors";
import { withUser } from "@/lib/http/user-route";

/** An imported credential's badge image, for its owner (the backpack links here instead of inlining data URLs). */
export const GET = withUser<{ entryId: string }>({ params: { entryId: "id" } }, async (_request, { user, params }) => {
  const image = await importedImage(user.id, params.entryId);
  if (!image) throw new AppError("not_found", "Not found");
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.type,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      // An imported SVG is shown as an image only; nothing in it may run or load.
      "Content-Security-Policy": IMAGE_CSP,
    },
  });
});
