import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getApiBulkJob } from "@/lib/issuing/bulk/api";

const op = operations.getJob;

export const GET = withApiKey<{ id: string }>({ scope: op.scope }, async (_request, ctx) => apiJson(await getApiBulkJob(ctx.org, ctx.params.id)));
