import "server-only";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { credentialWhere } from "@/lib/issuing/list-credentials";
import type { AchievementInput } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { afterCursor, toPage, type Page, type Pagination } from "./pagination";
import type { AchievementResponse, CredentialResponse } from "./schemas";
import { credentialFields, presentCredential } from "./present-credential";

export { credentialFields, presentCredential };

/** Reads behind the REST API, always within one organization, in the API's answer shapes. */

const achievementFields = {
  id: true, name: true, description: true, criteriaNarrative: true, criteriaUrl: true, achievementType: true, imageUrl: true,
  tags: true, alignments: true, version: true, archivedAt: true, createdAt: true,
} as const satisfies Prisma.AchievementSelect;
type AchievementRow = Prisma.AchievementGetPayload<{ select: typeof achievementFields }>;

export function presentAchievement(row: AchievementRow): AchievementResponse {
  // An outside image URL, or the image Laurel rendered or stored for this version.
  const image = row.imageUrl ?? publicUrls.achievementImage(row.id, row.version);
  return {
    id: row.id,
    url: publicUrls.achievement(row.id),
    name: row.name,
    description: row.description,
    criteria: { narrative: row.criteriaNarrative ?? undefined, id: row.criteriaUrl ?? undefined },
    achievementType: row.achievementType as AchievementResponse["achievementType"],
    image,
    tags: row.tags,
    alignment: (row.alignments as AchievementInput["alignment"] | null) ?? [],
    version: row.version,
    archived: row.archivedAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getApiAchievement(organizationId: string, id: string): Promise<AchievementResponse> {
  const row = await db.achievement.findFirst({ where: { id, organizationId }, select: achievementFields });
  if (!row) throw new AppError("not_found", "Achievement not found");
  return presentAchievement(row);
}

export async function listApiAchievements(organizationId: string, page: Pagination): Promise<Page<AchievementResponse>> {
  const rows = await db.achievement.findMany({
    where: { organizationId, ...afterCursor("createdAt", page.cursor) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit + 1,
    select: achievementFields,
  });
  return toPage(rows, page.limit, (row) => ({ at: row.createdAt, id: row.id }), presentAchievement);
}

export async function getApiCredential(organizationId: string, id: string): Promise<CredentialResponse> {
  const row = await db.credential.findFirst({ where: { id, organizationId }, select: credentialFields });
  if (!row) throw new AppError("not_found", "Credential not found");
  return presentCredential(row);
}

/**
 * The answer to an issue request, read after the credential is stored. The credential exists
 * from here on, so a failure to read it back still answers success with what is known: a 5xx
 * would make a client retry and issue twice.
 */
export async function issuedCredentialAnswer(organizationId: string, issued: { id: string; url: string }): Promise<CredentialResponse | Pick<CredentialResponse, "id" | "url" | "status">> {
  try {
    return await getApiCredential(organizationId, issued.id);
  } catch (error) {
    log.error({ err: error, credentialId: issued.id }, "issued, but could not read the credential back");
    return { id: issued.id, url: issued.url, status: "issued" };
  }
}

export async function listApiCredentials(
  organizationId: string,
  query: Pagination & { achievementId?: string; status?: CredentialResponse["status"]; recipientEmail?: string },
): Promise<Page<CredentialResponse>> {
  const now = new Date();
  const rows = await db.credential.findMany({
    where: {
      AND: [
        credentialWhere(organizationId, { achievementId: query.achievementId, status: query.status }, now),
        query.recipientEmail ? { recipientEmail: query.recipientEmail } : {},
        afterCursor("issuedAt", query.cursor),
      ],
    },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    select: credentialFields,
  });
  return toPage(rows, query.limit, (row) => ({ at: row.issuedAt, id: row.id }), (row) => presentCredential(row, now));
}
