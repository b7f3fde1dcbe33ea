import type { z } from "zod";
import { revalidatePublicPages } from "@/lib/public/cache";
import { queueCardRenders } from "@/lib/cards/prerender";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { fieldError } from "@/lib/errors";
import { logoToDataUrl } from "./logo";
import type { updateOrganizationSchema } from "./schemas";

/** Saves an organization's profile and branding. Nothing is written if any field is wrong. */
export async function updateOrganization(
  organizationId: string,
  input: z.infer<typeof updateOrganizationSchema>,
  actor: { userId: string; ip?: string },
) {
  // Checked before the transaction so a bad logo leaves every other field unsaved too.
  const hasNewLogo = input.logo && input.logo.size > 0;
  const logo = hasNewLogo ? await logoToDataUrl(input.logo!) : input.removeLogo ? null : undefined;
  try {
    const updated = await db.$transaction(async (tx) => {
      const org = await tx.organization.update({
        where: { id: organizationId },
        data: {
          name: input.name,
          slug: input.slug,
          website: input.website,
          description: input.description,
          primaryColor: input.primaryColor.toLowerCase(),
          secondaryColor: input.secondaryColor.toLowerCase(),
          linkedinOrganizationId: input.linkedinOrganizationId,
          logo,
        },
      });
      await recordAudit(tx, {
        organizationId,
        actorId: actor.userId,
        action: "organization.updated",
        targetType: "organization",
        targetId: organizationId,
        data: { name: input.name, slug: input.slug, logo: hasNewLogo ? "replaced" : logo === null ? "removed" : "kept" },
        ip: actor.ip,
      });
      return org;
    });
    revalidatePublicPages.issuer(organizationId);
    // The brand is on every card of the organization's: its own and its achievements' first.
    const achievements = await db.achievement.findMany({ where: { organizationId, archivedAt: null }, orderBy: { updatedAt: "desc" }, take: 99, select: { id: true } });
    await queueCardRenders([{ kind: "issuer", id: organizationId }, ...achievements.map(({ id }) => ({ kind: "achievement" as const, id }))]);
    return updated;
  } catch (error) {
    if (isUniqueViolation(error, "slug")) throw fieldError("slug", "slug_taken");
    throw error;
  }
}
