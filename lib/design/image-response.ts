import { IMAGE_CSP } from "@/lib/images/headers";
import type { ImageFormat } from "./achievement-image";

const CONTENT_TYPE: Record<ImageFormat, string> = { png: "image/png", svg: "image/svg+xml" };

/**
 * An image answer. SVG carries a CSP that forbids scripts and outside loads, so even an SVG
 * opened directly in the browser can do nothing but draw itself.
 */
export function imageResponse(body: Uint8Array | string, format: ImageFormat, options: { immutable?: boolean; downloadAs?: string } = {}): Response {
  const headers: Record<string, string> = {
    "Content-Type": format === "svg" ? `${CONTENT_TYPE.svg}; charset=utf-8` : CONTENT_TYPE.png,
    "Access-Control-Allow-Origin": "*",
    "X-Content-Type-Options": "nosniff",
    // A versioned image URL never changes what it answers; a baked download follows revocation.
    "Cache-Control": options.immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate",
  };
  // img-src data: lets an uploaded PNG wrapped in SVG show; data: images cannot run anything.
  if (format === "svg") headers["Content-Security-Policy"] = IMAGE_CSP;
  if (options.downloadAs) headers["Content-Disposition"] = `attachment; filename="${options.downloadAs}"`;
  return new Response(typeof body === "string" ? body : new Uint8Array(body), { headers });
}

export function imageNotFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
