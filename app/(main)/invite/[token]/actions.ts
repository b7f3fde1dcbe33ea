"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { userAction } from "@/lib/auth/guard";
import { acceptInvitation } from "@/lib/orgs/invitations";

export const acceptInvitationAction = userAction({ schema: z.object({ token: safeText().min(20).max(200) }) }, async ({ token }, { user, ip }) => {
  const { slug } = await acceptInvitation(token, user, ip);
  redirect(`/dashboard/${slug}`);
});
