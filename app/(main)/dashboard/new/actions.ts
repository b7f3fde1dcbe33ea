"use server";

import { userAction } from "@/lib/auth/guard";
import { createOrganization } from "@/lib/orgs/create-organization";
import { createOrganizationSchema } from "@/lib/orgs/schemas";

export const createOrganizationAction = userAction({ schema: createOrganizationSchema }, async (input, { user, ip }) => {
  const org = await createOrganization(input, { userId: user.id, ip });
  return { slug: org.slug };
});
