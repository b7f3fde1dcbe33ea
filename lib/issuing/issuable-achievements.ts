import { db } from "@/lib/db";

/** Achievements an organization can issue now (not archived), for pickers. */
export function listIssuableAchievements(organizationId: string) {
  return db.achievement.findMany({
    where: { organizationId, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, achievementType: true, evidenceRequired: true, expiresAfterValue: true, expiresAfterUnit: true },
  });
}
