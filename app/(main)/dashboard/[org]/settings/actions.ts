"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { rotateSigningKey } from "@/lib/issuing/signing-keys";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { updateOrganizationSchema } from "@/lib/orgs/schemas";
import { updateOrganization } from "@/lib/orgs/update-organization";
import { emailSettingsSchema, updateEmailSettings } from "@/lib/email/engagement/settings";
import { emailSenderSchema } from "@/lib/email/sender/schemas";
import { checkEmailSender, removeEmailSender, saveEmailSender } from "@/lib/email/sender/sender";
import { addDomain, addDomainSchema, checkDomain, domainIdSchema, removeDomain } from "@/lib/sso/domains";
import { fromSsoForm, removeSsoConnection, saveSsoConnection } from "@/lib/sso/connections";
import { ssoFormSchema } from "@/lib/sso/schemas";

export const updateOrganizationAction = orgAction(
  { role: REQUIRED_ROLE["org:update"], schema: updateOrganizationSchema },
  async (input, ctx) => {
    const org = await updateOrganization(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${org.slug}`, "layout");
    return { slug: org.slug };
  },
);

export const rotateSigningKeyAction = orgAction({ role: REQUIRED_ROLE["keys:rotate"], schema: z.object({}) }, async (_input, ctx) => {
  await rotateSigningKey(ctx.org.id, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

export const updateEmailSettingsAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: emailSettingsSchema }, async (input, ctx) => {
  await updateEmailSettings(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

export const saveEmailSenderAction = orgAction(
  { role: REQUIRED_ROLE["org:update"], schema: emailSenderSchema, feature: "customEmailSender" },
  async (input, ctx) => {
    await saveEmailSender(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
  },
);

export const checkEmailSenderAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: z.object({}), feature: "customEmailSender" }, async (_input, ctx) => {
  const checked = await checkEmailSender(ctx.org.id);
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
  return { verified: Boolean(checked.verifiedAt) };
});

// Removing needs no plan: an organization that left Business can still clean up.
export const removeEmailSenderAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: z.object({}) }, async (_input, ctx) => {
  await removeEmailSender(ctx.org.id, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

export const addDomainAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: addDomainSchema, feature: "sso" }, async (input, ctx) => {
  await addDomain(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

export const checkDomainAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: domainIdSchema, feature: "sso" }, async (input, ctx) => {
  const checked = await checkDomain(ctx.org.id, input.domainId);
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
  return { status: checked.status, domain: checked.domain.domain };
});

export const removeDomainAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: domainIdSchema }, async (input, ctx) => {
  await removeDomain(ctx.org.id, input.domainId, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

export const saveSsoConnectionAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: ssoFormSchema, feature: "sso" }, async (input, ctx) => {
  await saveSsoConnection(ctx.org.id, fromSsoForm(input), { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});

// Removing needs no plan: an organization that left Business can still clean up.
export const removeSsoConnectionAction = orgAction({ role: REQUIRED_ROLE["org:update"], schema: z.object({}) }, async (_input, ctx) => {
  await removeSsoConnection(ctx.org.id, { userId: ctx.user.id, ip: ctx.ip });
  revalidatePath(`/dashboard/${ctx.org.slug}/settings`);
});
