import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildAchievement } from "@/lib/ob/build";
import type { AchievementInput } from "./schemas";
import { publicUrls } from "./urls";

type AchievementRow = Awaited<ReturnType<typeof db.achievement.findFirstOrThrow>>;

export async function createAchievement(organizationId: string, input: AchievementInput, actor?: { userId?: string; ip?: string }) {
  return db.$transaction(async (tx) => {
    const achievement = await tx.achievement.create({
      data: {
        organizationId,
        name: input.name,
        description: input.description,
        criteriaNarrative: input.criteria.narrative,
        criteriaUrl: input.criteria.id,
        achievementType: input.achievementType,
        imageUrl: input.image,
        tags: input.tags,
        alignments: input.alignment as Prisma.InputJsonValue,
        howToEarnUrl: input.howToEarnUrl,
      },
    });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: "achievement.created",
      targetType: "achievement",
      targetId: achievement.id,
      data: { name: achievement.name },
      ip: actor?.ip,
    });
    return achievement;
  });
}

export async function findAchievement(organizationId: string, achievementId: string): Promise<AchievementRow> {
  const achievement = await db.achievement.findFirst({ where: { id: achievementId, organizationId } });
  if (!achievement) throw new AppError("not_found", "Achievement not found", { achievementId: { code: "not_found" } });
  return achievement;
}

/** The OB 3.0 Achievement, as embedded in credentials and served at /b/{id}. */
export function achievementDocument(achievement: AchievementRow, issuer?: object): object {
  return buildAchievement({
    id: publicUrls.achievement(achievement.id),
    name: achievement.name,
    description: achievement.description,
    criteria: { narrative: achievement.criteriaNarrative ?? undefined, id: achievement.criteriaUrl ?? undefined },
    achievementType: achievement.achievementType,
    image: achievement.imagePng
      ? { id: publicUrls.achievementImage(achievement.id, achievement.version), caption: achievement.name }
      : achievement.imageUrl
        ? { id: achievement.imageUrl }
        : undefined,
    tag: achievement.tags.length > 0 ? achievement.tags : undefined,
    alignment: (achievement.alignments as AchievementInput["alignment"] | null) ?? undefined,
    creator: issuer,
  });
}
