import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { presentLeaderboard } from "@/lib/programs/leaderboard";

export const GET = withApiKey<{ id: string }>({ scope: operations.getProgramLeaderboard.scope, feature: "programs" }, async (_request, ctx) =>
  apiJson(await presentLeaderboard(ctx.org.id, ctx.params.id)),
);
