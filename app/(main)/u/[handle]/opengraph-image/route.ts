import { serveCard } from "@/lib/cards/serve";

// The profile share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params;
  return serveCard("profile", handle, request);
}
