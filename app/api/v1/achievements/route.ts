import { withApiKey, apiJson } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { listApiAchievements, presentAchievement } from "@/lib/api/resources";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";

const list = operations.listAchievements;
const create = operations.createAchievement;

export const GET = withApiKey({ scope: list.scope }, async (request, ctx) => {
  const query = parseInput(list.query, Object.fromEntries(new URL(request.url).searchParams));
  return apiJson(await listApiAchievements(ctx.org.id, query));
});

export const POST = withApiKey({ scope: create.scope }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  return withIdempotency(request, ctx, async () => {
    const achievement = await createAchievement(ctx.org.id, input, { ip: ctx.ip });
    return apiJson(presentAchievement(achievement), { status: create.successStatus });
  });
});
