import { apiJson, withApiKey } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { parseInput } from "@/lib/errors";
import { createApiBulkJob } from "@/lib/issuing/bulk/api";

const op = operations.bulkIssueCredentials;

// Up to 50,000 recipients in one request (the CSV upload's limit) fit in 20 MB.
export const POST = withApiKey({ scope: op.scope, feature: "bulkIssue", maxBodyBytes: 20 * 1024 * 1024 }, async (request, ctx) => {
  const input = parseInput(op.body, ctx.body);
  // Each recipient also has its own idempotency key inside the job: nobody is issued twice.
  return withIdempotency(request, ctx, async () => apiJson(await createApiBulkJob(ctx.org, input, { ip: ctx.ip }), { status: op.successStatus }));
});
