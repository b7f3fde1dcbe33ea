import { IMAGE_CSP } from "@/lib/images/headers";
import { getSessionUser } from "@/lib/auth/session";
import { importedImage } from "@/lib/backpack/entry-detail";

type Context = { params: Promise<{ entryId: string }> };

/** An imported credential's badge image, for its owner (the backpack links here instead of inlining data URLs). */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  const user = await getSessionUser();
  const image = user ? await importedImage(user.id, (await params).entryId) : null;
  if (!image) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.type,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      // An imported SVG is shown as an image only; nothing in it may run or load.
      "Content-Security-Policy": IMAGE_CSP,
    },
  });
}
