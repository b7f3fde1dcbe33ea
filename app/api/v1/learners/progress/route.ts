import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { learnerProgressQuery } from "@/lib/programs/api";

export const GET = withApiKey({ scope: operations.getLearnerProgress.scope, feature: "programs" }, async (request, ctx) =>
  apiJson(await learnerProgressQuery(ctx.org.id, new URL(request.url).searchParams)),
);
