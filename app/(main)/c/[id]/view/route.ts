import { recordBeaconView } from "@/lib/public/visits";

// The cached credential page's beacon: a person's browser reports one view (crawlers run no script).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  await recordBeaconView((await params).id, request);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
}
