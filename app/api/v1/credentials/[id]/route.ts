import { withApiKey, apiJson } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getApiCredential } from "@/lib/api/resources";

export const GET = withApiKey<{ id: string }>({ scope: operations.getCredential.scope }, async (_request, ctx) =>
  apiJson(await getApiCredential(ctx.org.id, ctx.params.id)),
);
