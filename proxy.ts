import { NextResponse, type NextRequest } from "next/server";
import { isSameOrigin } from "@/lib/auth/same-origin";

/**
 * Runs before routing. A server action posted from another site (a `Next-Action` header with a
 * foreign or `null` Origin) is answered 403 here; Next's own check would throw, and answer 500.
 * Route handlers check the same rule in their door (lib/auth/guard.ts).
 */
export function proxy(request: NextRequest) {
  if (request.method === "POST" && request.headers.has("next-action") && !isSameOrigin(request.headers, process.env.BASE_URL)) {
    return NextResponse.json(
      { error: { code: "forbidden", message: "Cross-site request refused", details: {} } },
      { status: 403, headers: { "Cache-Control": "no-store" } },
    );
  }
  return NextResponse.next();
}

export const config = {
  // Only requests that invoke a server action.
  matcher: [{ source: "/:path*", has: [{ type: "header", key: "next-action" }] }],
};
