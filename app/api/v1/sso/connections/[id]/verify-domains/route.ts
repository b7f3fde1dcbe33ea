import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { verifySsoDomains } from "@/lib/sso/connections";

const verify = operations.verifySsoDomains;

export const POST = withApiKey<{ id: string }>({ scope: verify.scope, feature: "sso" }, async (_request, ctx) => apiJson(await verifySsoDomains(ctx.org.id, ctx.params.id)));
