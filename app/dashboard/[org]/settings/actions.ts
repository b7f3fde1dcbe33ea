"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { updateOrganizationSchema } from "@/lib/orgs/schemas";
import { updateOrganization } from "@/lib/orgs/update-organization";

export const updateOrganizationAction = orgAction(
  { role: REQUIRED_ROLE["org:update"], schema: updateOrganizationSchema },
  async (input, ctx) => {
    const org = await updateOrganization(ctx.org.id, input, { userId: ctx.user.id, ip: ctx.ip });
    revalidatePath(`/dashboard/${org.slug}`, "layout");
    return { slug: org.slug };
  },
);
