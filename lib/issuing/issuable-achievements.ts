import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findAchievement } from "./achievements";

/** Achievements an organization can issue now (not archived), for pickers. */
export function listIssuableAchievements(organizationId: string) {
  return db.achievement.findMany({
    where: { organizationId, archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, name: true, achievementType: true, evidenceRequired: true, expiresAfterValue: true, expiresAfterUnit: true },
  });
}

/** The one refusal of an archived achievement, whichever door (form, API, bulk) asked to issue it. */
export function achievementArchived(): AppError {
  return new AppError("conflict", "This achievement is archived", { achievementId: { code: "achievement_archived" } });
}

/** The organization's achievement, if it may be issued now: not found, or archived (409), otherwise. */
export async function findIssuableAchievement(organizationId: string, achievementId: string) {
  const achievement = await findAchievement(organizationId, achievementId);
  if (achievement.archivedAt) throw achievementArchived();
  return achievement;
}
