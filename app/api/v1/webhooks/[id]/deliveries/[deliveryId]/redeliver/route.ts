import { apiJson, withApiKey } from "@/lib/api/handler";
import { operations } from "@/lib/api/operations";
import { redeliverWebhook } from "@/lib/webhooks/deliveries";

const redeliver = operations.redeliverWebhook;

export const POST = withApiKey<{ id: string; deliveryId: string }>({ scope: redeliver.scope, feature: "webhooks" }, async (_request, ctx) =>
  apiJson(await redeliverWebhook(ctx.org.id, ctx.params.id, ctx.params.deliveryId), { status: redeliver.successStatus }),
);
