import { serveCard } from "@/lib/cards/serve";

// The credential share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return serveCard("credential", id, request);
}
