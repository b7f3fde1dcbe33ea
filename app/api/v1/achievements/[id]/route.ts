import { withApiKey, apiJson } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { getApiAchievement } from "@/lib/api/resources";

export const GET = withApiKey<{ id: string }>({ scope: operations.getAchievement.scope }, async (_request, ctx) =>
  apiJson(await getApiAchievement(ctx.org.id, ctx.params.id)),
);
