import "server-only";
import { withLogoUrl } from "@/lib/orgs/public-logo";
import { db } from "@/lib/db";
import { isId } from "@/lib/ids";
import { achievementImages, laddersToDraw } from "./designer";

/**
 * The public page of a program, /p/{id}: what it awards and how to join. A program that is
 * archived, missing, or members-only and looked at by someone outside its organization is the
 * same "not found" (null), so the page cannot tell a stranger which programs exist.
 */
export async function loadPublicProgram(programId: string, viewerId: string | null | undefined) {
  if (!isId(programId)) return null;
  const program = await db.program.findFirst({
    where: { id: programId, archivedAt: null },
    include: {
      organization: { select: { id: true, name: true, primaryColor: true, logo: true, updatedAt: true } },
      metrics: { orderBy: { createdAt: "asc" } },
      rules: {
        where: { deletedAt: null, achievement: { archivedAt: null } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { achievement: { select: { id: true, name: true, archivedAt: true } } },
      },
    },
  });
  if (!program) return null;
  if (program.visibility !== "public" && !(await isMember(program.organizationId, viewerId))) return null;
  const referenced = [...new Set(program.rules.flatMap((rule) => [rule.achievementId, ...rule.requires]))];
  const awarded = [...new Set(program.rules.map((rule) => rule.achievementId))];
  const [images, required, held] = await Promise.all([
    achievementImages(program.organizationId, referenced),
    db.achievement.findMany({ where: { organizationId: program.organizationId, id: { in: referenced } }, select: { id: true, name: true } }),
    // How many hold each badge: its credentials not revoked, as the badge's own page counts them.
    db.credential.groupBy({ by: ["achievementId"], where: { organizationId: program.organizationId, achievementId: { in: awarded }, revokedAt: null }, _count: { _all: true } }),
  ]);
  const holders = new Map(held.map((row) => [row.achievementId, row._count._all]));
  const names = new Map(required.map((a) => [a.id, a.name]));
  const ladders = laddersToDraw(program, images).map((ladder) => ({
    ...ladder,
    rungs: ladder.rungs.map((rung) => ({ ...rung, holders: holders.get(rung.achievementId) ?? 0 })),
  }));
  const inLadder = new Set(ladders.flatMap((ladder) => ladder.rungs.map((rung) => rung.ruleId)));
  return {
    id: program.id,
    name: program.name,
    description: program.description,
    visibility: program.visibility === "members" ? ("members" as const) : ("public" as const),
    image: program.image,
    enrolUrl: program.enrolUrl,
    organization: withLogoUrl(program.organization),
    metrics: program.metrics.map((m) => ({ key: m.key, label: m.label })),
    ladders,
    /** Rules outside a ladder, each with its achievement's name and image. */
    rules: program.rules
      .filter((rule) => !inLadder.has(rule.id))
      .map((rule) => ({
        ...rule,
        achievementName: rule.achievement.name,
        imageSrc: images.get(rule.achievementId) ?? "",
        requiresNames: rule.requires.map((id) => names.get(id) ?? id),
        holders: holders.get(rule.achievementId) ?? 0,
      })),
  };
}

export type PublicProgram = NonNullable<Awaited<ReturnType<typeof loadPublicProgram>>>;

/**
 * The program behind /p/{id} when this viewer may see it: live, and public or theirs (a member
 * of its organization). Null otherwise, the same as a missing program.
 */
export async function findVisibleProgram(programId: string, viewerId: string | null | undefined) {
  if (!isId(programId)) return null;
  const program = await db.program.findFirst({
    where: { id: programId, archivedAt: null },
    select: { id: true, organizationId: true, name: true, visibility: true },
  });
  if (!program) return null;
  if (program.visibility !== "public" && !(await isMember(program.organizationId, viewerId))) return null;
  return program;
}

async function isMember(organizationId: string, viewerId: string | null | undefined): Promise<boolean> {
  if (!viewerId) return false;
  const membership = await db.membership.findFirst({ where: { organizationId, userId: viewerId }, select: { id: true } });
  return membership !== null;
}
