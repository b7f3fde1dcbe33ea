"use server";

import { revalidatePath } from "next/cache";
import { orgAction, type OrgContext } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { apiKeyIdSchema, createApiKeyFormSchema, createApiKey, revokeApiKey } from "@/lib/api/keys";

const actor = (ctx: OrgContext) => ({ userId: ctx.user.id, ip: ctx.ip });
const refresh = (ctx: OrgContext) => revalidatePath(`/dashboard/${ctx.org.slug}/api-keys`);

export const createApiKeyAction = orgAction({ role: REQUIRED_ROLE["apiKeys:manage"], schema: createApiKeyFormSchema }, async (input, ctx) => {
  const key = await createApiKey(ctx.org.id, input, actor(ctx));
  refresh(ctx);
  // The one time the plaintext leaves the server.
  return { name: key.name, plaintext: key.plaintext };
});

export const revokeApiKeyAction = orgAction({ role: REQUIRED_ROLE["apiKeys:manage"], schema: apiKeyIdSchema }, async (input, ctx) => {
  await revokeApiKey(ctx.org.id, input.keyId, actor(ctx));
  refresh(ctx);
});
