import { withApiKey, apiJson } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { getApiCredential } from "@/lib/api/resources";
import { parseInput } from "@/lib/errors";
import { revokeCredential } from "@/lib/issuing/revoke-credential";

const revoke = operations.revokeCredential;

export const POST = withApiKey<{ id: string }>({ scope: revoke.scope }, async (request, ctx) => {
  const { reason } = parseInput(revoke.body, ctx.body);
  return withIdempotency(request, ctx, async () => {
    await revokeCredential(ctx.org.id, ctx.params.id, reason, { ip: ctx.ip });
    return apiJson(await getApiCredential(ctx.org.id, ctx.params.id), { status: revoke.successStatus });
  });
});
