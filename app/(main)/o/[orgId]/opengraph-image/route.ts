import { serveCard } from "@/lib/cards/serve";

// The issuer share card (1200×630 PNG), versioned by content: see lib/cards/card-urls.ts.
export async function GET(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return serveCard("issuer", orgId, request);
}
