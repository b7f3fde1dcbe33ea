import { withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { removeApiSsoConnection } from "@/lib/sso/api";

const remove = operations.deleteSsoConnection;

export const DELETE = withApiKey<{ id: string }>({ scope: remove.scope, feature: "sso" }, async (_request, ctx) => {
  await removeApiSsoConnection(ctx.org.id, ctx.params.id, { apiKeyId: ctx.apiKey.id, ip: ctx.ip });
  return new Response(null, { status: remove.successStatus, headers: { "Cache-Control": "no-store" } });
});
