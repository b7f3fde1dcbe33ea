"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { orgAction, type OrgContext } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { redeliverWebhook } from "@/lib/webhooks/deliveries";
import { createWebhookEndpoint, deleteWebhookEndpoint, rotateWebhookSecret, updateWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { createWebhookFormSchema, redeliverFormSchema, webhookEnabledFormSchema, webhookIdFormSchema } from "@/lib/webhooks/forms";

const manage = { role: REQUIRED_ROLE["webhooks:manage"], feature: "webhooks" } as const;
const actor = (ctx: OrgContext) => ({ userId: ctx.user.id, ip: ctx.ip });
const refresh = (ctx: OrgContext, id?: string) => revalidatePath(`/dashboard/${ctx.org.slug}/webhooks${id ? `/${id}` : ""}`);

export const createWebhookAction = orgAction({ ...manage, schema: createWebhookFormSchema }, async (input, ctx) => {
  const created = await createWebhookEndpoint(ctx.org.id, input, actor(ctx));
  refresh(ctx);
  // The one time the secret leaves the server.
  return { id: created.id, url: created.url, secret: created.secret };
});

export const setWebhookEnabledAction = orgAction({ ...manage, schema: webhookEnabledFormSchema }, async (input, ctx) => {
  await updateWebhookEndpoint(ctx.org.id, input.webhookId, { enabled: input.webhookEnabled }, actor(ctx));
  refresh(ctx, input.webhookId);
});

export const rotateWebhookSecretAction = orgAction({ ...manage, schema: webhookIdFormSchema }, async (input, ctx) => {
  const rotated = await rotateWebhookSecret(ctx.org.id, input.webhookId, actor(ctx));
  refresh(ctx, input.webhookId);
  return rotated;
});

export const deleteWebhookAction = orgAction({ ...manage, schema: webhookIdFormSchema }, async (input, ctx) => {
  await deleteWebhookEndpoint(ctx.org.id, input.webhookId, actor(ctx));
  refresh(ctx);
  // The endpoint's own page is gone: back to the list (from the server, before that page re-renders).
  redirect(`/dashboard/${ctx.org.slug}/webhooks`);
});

export const redeliverWebhookAction = orgAction({ ...manage, schema: redeliverFormSchema }, async (input, ctx) => {
  await redeliverWebhook(ctx.org.id, input.webhookId, input.deliveryId);
  refresh(ctx, input.webhookId);
});
