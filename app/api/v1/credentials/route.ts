import { withApiKey, apiJson } from "@/lib/api/handler";
import { withIdempotency } from "@/lib/api/idempotency";
import { operations } from "@/lib/api/operations";
import { issuedCredentialAnswer, listApiCredentials } from "@/lib/api/resources";
import { parseInput } from "@/lib/errors";
import { issueCredential } from "@/lib/issuing/issue-credential";

const list = operations.listCredentials;
const create = operations.createCredential;

export const GET = withApiKey({ scope: list.scope }, async (request, ctx) => {
  const query = parseInput(list.query, Object.fromEntries(new URL(request.url).searchParams));
  return apiJson(await listApiCredentials(ctx.org.id, query));
});

export const POST = withApiKey({ scope: create.scope }, async (request, ctx) => {
  const input = parseInput(create.body, ctx.body);
  // The key also reaches issueCredential: a crash before the answer is stored still issues once.
  return withIdempotency(request, ctx, async (idempotencyKey) => {
    const issued = await issueCredential(ctx.org.id, input, { idempotencyKey, actor: { ip: ctx.ip } });
    return apiJson(await issuedCredentialAnswer(ctx.org.id, issued), { status: create.successStatus });
  });
});
