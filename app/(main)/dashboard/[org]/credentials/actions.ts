"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { orgAction, type OrgContext } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { renewCredential } from "@/lib/issuing/renew-credential";
import { changeRecipientEmail, resendClaimEmail } from "@/lib/issuing/resend-credential";
import { revokeCredentials } from "@/lib/issuing/revoke-credentials";
import { revokeCredentialSchema } from "@/lib/issuing/schemas";

const actor = (ctx: OrgContext) => ({ userId: ctx.user.id, ip: ctx.ip });
const refresh = (ctx: OrgContext) => revalidatePath(`/dashboard/${ctx.org.slug}/credentials`, "layout");

// Checked boxes arrive as one comma-separated field, so the form needs no client code to collect them.
const idList = z
  .string()
  .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
  .pipe(z.array(safeText().min(1).max(100)).min(1, "select_credentials").max(500));

export const revokeCredentialsAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: revokeCredentialSchema.extend({ ids: idList }) },
  async ({ ids, reason }, ctx) => {
    const result = await revokeCredentials(ctx.org.id, ids, reason, actor(ctx));
    refresh(ctx);
    return { revoked: result.revoked.length, skipped: result.skipped.length };
  },
);

export const renewCredentialAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: z.object({ id: safeText().min(1).max(100) }) },
  async ({ id }, ctx) => {
    const renewed = await renewCredential(ctx.org.id, id, { actor: actor(ctx) });
    refresh(ctx);
    return { id: renewed.id };
  },
);

export const resendClaimEmailAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: z.object({ id: safeText().min(1).max(100) }) },
  async ({ id }, ctx) => {
    await resendClaimEmail(ctx.org.id, id);
  },
);

export const changeRecipientEmailAction = orgAction(
  { role: REQUIRED_ROLE["credentials:issue"], schema: z.object({ id: safeText().min(1).max(100), email: safeText().trim().toLowerCase().pipe(z.email()) }) },
  async ({ id, email }, ctx) => {
    await changeRecipientEmail(ctx.org.id, id, email, actor(ctx));
    refresh(ctx);
  },
);
