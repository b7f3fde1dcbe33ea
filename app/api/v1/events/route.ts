import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { receiveEvents } from "@/lib/programs/api";

const op = operations.sendEvents;

// 1,000 events of the largest allowed size fit in 2 MB.
export const POST = withApiKey({ scope: op.scope, feature: "programs", maxBodyBytes: 2 * 1024 * 1024 }, async (request, ctx) =>
  // Each event's id already makes a replay harmless; the key also replays the first answer.
  withIdempotency(request, ctx, async () => apiJson(await receiveEvents(ctx.org.id, ctx.body), { status: op.successStatus })),
);
