import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import type { createOrganizationSchema } from "./schemas";
import type { z } from "zod";

/** Creates an organization; its creator becomes its owner. */
export async function createOrganization(
  input: z.infer<typeof createOrganizationSchema>,
  actor: { userId: string; ip?: string },
) {
  try {
    return await db.$transaction(async (tx) => {
      const org = await tx.organization.create({
        data: {
          name: input.name,
          slug: input.slug,
          memberships: { create: { userId: actor.userId, role: "owner" } },
        },
      });
      await recordAudit(tx, {
        organizationId: org.id,
        actorId: actor.userId,
        action: "organization.created",
        targetType: "organization",
        targetId: org.id,
        data: { name: org.name, slug: org.slug },
        ip: actor.ip,
      });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error, "slug")) throw fieldError("slug", "slug_taken");
    throw error;
  }
}
