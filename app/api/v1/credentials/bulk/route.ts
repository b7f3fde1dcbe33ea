import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { createApiBulkJob } from "@/lib/issuing/bulk/api";

const op = operations.bulkIssueCredentials;

export const POST = withApiKey({ scope: op.scope }, async (request, ctx) => {
  const input = parseInput(op.body, ctx.body);
  // Each recipient also has its own idempotency key inside the job: nobody is issued twice.
  return withIdempotency(request, ctx, async () => apiJson(await createApiBulkJob(ctx.org, input, { ip: ctx.ip }), { status: op.successStatus }));
});
