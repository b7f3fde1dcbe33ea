import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { rotateWebhookSecret } from "@/lib/webhooks/endpoints";

export const POST = withApiKey<{ id: string }>({ scope: operations.rotateWebhookSecret.scope, feature: "webhooks" }, async (_request, ctx) =>
  apiJson(await rotateWebhookSecret(ctx.org.id, ctx.params.id, { apiKeyId: ctx.apiKey.id, ip: ctx.ip })),
);
