/**
 * Answers for Laurel's public standards documents (credentials, profiles, keys, status lists):
 * JSON-LD when the client asked for it, plain JSON otherwise, readable from any origin.
 */
export function documentResponse(
  request: Request,
  document: unknown,
  options: { status?: number; cacheSeconds?: number; ld?: boolean } = {},
): Response {
  const wantsLd = options.ld !== false && (request.headers.get("accept") ?? "").includes("application/ld+json");
  return new Response(JSON.stringify(document, null, 2), {
    status: options.status ?? 200,
    headers: {
      "Content-Type": `${wantsLd ? "application/ld+json" : "application/json"}; charset=utf-8`,
      "Access-Control-Allow-Origin": "*",
      // Revocation and key rotation must show at once: caches revalidate every time.
      "Cache-Control": options.cacheSeconds ? `public, max-age=${options.cacheSeconds}` : "public, max-age=0, must-revalidate",
      Vary: "Accept",
    },
  });
}
