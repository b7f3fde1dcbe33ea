import { Prisma } from "@/lib/db/generated/client.ts";
import { revalidatePublicPages } from "@/lib/public/cache";
import { queueCardRenders, type CardRef } from "@/lib/cards/prerender";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { defaultBadgeDesign, type BadgeDesign } from "@/lib/design/badge-design";
import { renderBadge } from "@/lib/design/render-badge";
import type { BadgeImage } from "@/lib/design/uploads";
import { AppError } from "@/lib/errors";
import { buildAchievement } from "@/lib/ob/build";
import type { AchievementInput } from "./schemas";
import { publicUrls } from "./urls";

type AchievementRow = Awaited<ReturnType<typeof db.achievement.findFirstOrThrow>>;
type Actor = { userId?: string; ip?: string };

/** What the badge image of a save should be: an upload, or keep what the achievement has. */
export type ImageChoice = { upload?: BadgeImage; keep?: boolean };

/** The fields a version freezes, as stored in AchievementVersion.snapshot. */
export type AchievementSnapshot = {
  name: string;
  description: string;
  criteriaNarrative: string | null;
  criteriaUrl: string | null;
  achievementType: string;
  imageUrl: string | null;
  tags: string[];
  alignments: unknown;
  howToEarnUrl: string | null;
  expiresAfterValue: number | null;
  expiresAfterUnit: string | null;
  evidenceRequired: boolean;
  design: BadgeDesign | null;
  certificate: unknown;
  /** Uploaded images only (a design is re-rendered from `design`): SVG text and base64 PNG. */
  image?: { svg: string | null; png: string };
};

function fieldsFrom(input: AchievementInput) {
  return {
    name: input.name,
    description: input.description,
    criteriaNarrative: input.criteria.narrative ?? null,
    criteriaUrl: input.criteria.id ?? null,
    achievementType: input.achievementType,
    imageUrl: input.image ?? null,
    tags: input.tags,
    alignments: input.alignment as Prisma.InputJsonValue,
    howToEarnUrl: input.howToEarnUrl ?? null,
    expiresAfterValue: input.expiresAfter?.value ?? null,
    expiresAfterUnit: input.expiresAfter?.unit ?? null,
    evidenceRequired: input.evidenceRequired,
    certificate: input.certificate ? (input.certificate as Prisma.InputJsonValue) : Prisma.DbNull,
  };
}

type StoredImage = { design: BadgeDesign | null; imageSvg: string | null; imagePng: Uint8Array<ArrayBuffer> | null };

const stored = (image: BadgeImage, design: BadgeDesign | null): StoredImage => ({
  design,
  imageSvg: image.svg,
  imagePng: new Uint8Array(image.png),
});

/**
 * The image a save stores: an upload as it is; a design rendered; with neither, the badge
 * keeps its image (editing) or gets a default design in the org's colours (creating), unless
 * the achievement points at an outside image URL.
 */
async function imageFor(organizationId: string, input: AchievementInput, choice: ImageChoice, current?: AchievementRow): Promise<StoredImage | null> {
  if (choice.upload) return stored(choice.upload, null);
  if (input.design) return stored(await renderBadge(input.design), input.design);
  if (current && (choice.keep ?? true)) return null;
  if (input.image) return { design: null, imageSvg: null, imagePng: null };
  const org = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { primaryColor: true, secondaryColor: true } });
  const design = defaultBadgeDesign(input.name, org);
  return stored(await renderBadge(design), design);
}

const designData = (image: StoredImage | null) =>
  image
    ? { design: image.design ? (image.design as Prisma.InputJsonValue) : Prisma.DbNull, imageSvg: image.imageSvg, imagePng: image.imagePng }
    : {};

export async function createAchievement(organizationId: string, input: AchievementInput, actor?: Actor, choice: ImageChoice = {}) {
  // Rendering happens before the transaction: it is the slow part and needs no lock.
  const image = await imageFor(organizationId, input, choice);
  return db.$transaction(async (tx) => {
    const achievement = await tx.achievement.create({
      data: { organizationId, ...fieldsFrom(input), ...designData(image) },
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

export function snapshotOf(achievement: AchievementRow): AchievementSnapshot {
  const snapshot: AchievementSnapshot = {
    name: achievement.name,
    description: achievement.description,
    criteriaNarrative: achievement.criteriaNarrative,
    criteriaUrl: achievement.criteriaUrl,
    achievementType: achievement.achievementType,
    imageUrl: achievement.imageUrl,
    tags: achievement.tags,
    alignments: achievement.alignments ?? [],
    howToEarnUrl: achievement.howToEarnUrl,
    expiresAfterValue: achievement.expiresAfterValue,
    expiresAfterUnit: achievement.expiresAfterUnit,
    evidenceRequired: achievement.evidenceRequired,
    design: (achievement.design as BadgeDesign | null) ?? null,
    certificate: achievement.certificate ?? null,
  };
  if (!snapshot.design && achievement.imagePng) {
    snapshot.image = { svg: achievement.imageSvg, png: Buffer.from(achievement.imagePng).toString("base64") };
  }
  return snapshot;
}

/**
 * Saves an edit as a new version: the previous fields (design and image included) are frozen in
 * an AchievementVersion, the achievement moves to version+1. Credentials already issued keep the
 * version they were signed with, and its image URL keeps answering with the old image.
 */
export async function updateAchievement(organizationId: string, achievementId: string, input: AchievementInput, actor?: Actor, choice: ImageChoice = {}) {
  const current = await findAchievement(organizationId, achievementId);
  const image = await imageFor(organizationId, input, choice, current);
  try {
    const updated = await db.$transaction(async (tx) => {
      await tx.achievementVersion.create({
        data: { achievementId, version: current.version, snapshot: snapshotOf(current) as unknown as Prisma.InputJsonValue },
      });
      // Guarded by the version read above: a concurrent edit makes this one a conflict.
      const { count } = await tx.achievement.updateMany({
        where: { id: achievementId, organizationId, version: current.version },
        data: { ...fieldsFrom(input), ...designData(image), version: current.version + 1 },
      });
      if (count === 0) throw editConflict();
      await recordAudit(tx, {
        organizationId,
        actorId: actor?.userId,
        action: "achievement.updated",
        targetType: "achievement",
        targetId: achievementId,
        data: { name: input.name, version: current.version + 1 },
        ip: actor?.ip,
      });
      return tx.achievement.findUniqueOrThrow({ where: { id: achievementId } });
    });
    revalidatePublicPages.achievement(achievementId);
    revalidatePublicPages.issuer(organizationId);
    await queueCardRenders(await cardsOfAchievement(organizationId, achievementId));
    return updated;
  } catch (error) {
    if (isUniqueViolation(error)) throw editConflict();
    throw error;
  }
}

const editConflict = () =>
  new AppError("conflict", "Someone else saved this achievement at the same time; reload and try again", { form: { code: "achievement_edit_conflict" } });

/** Archived achievements stay verifiable and visible on credentials, but cannot be issued. */
export async function setAchievementArchived(organizationId: string, achievementId: string, archived: boolean, actor?: Actor) {
  await findAchievement(organizationId, achievementId);
  const result = await db.$transaction(async (tx) => {
    const achievement = await tx.achievement.update({ where: { id: achievementId }, data: { archivedAt: archived ? new Date() : null } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor?.userId,
      action: archived ? "achievement.archived" : "achievement.unarchived",
      targetType: "achievement",
      targetId: achievementId,
      data: { name: achievement.name },
      ip: actor?.ip,
    });
    return achievement;
  });
  revalidatePublicPages.issuer(organizationId);
  return result;
}

export async function findAchievement(organizationId: string, achievementId: string): Promise<AchievementRow> {
  const achievement = await db.achievement.findFirst({ where: { id: achievementId, organizationId } });
  if (!achievement) throw new AppError("not_found", "Achievement not found", { achievementId: { code: "not_found" } });
  return achievement;
}

const summarySelect = {
  id: true,
  name: true,
  description: true,
  achievementType: true,
  version: true,
  imageUrl: true,
  tags: true,
  evidenceRequired: true,
  expiresAfterValue: true,
  expiresAfterUnit: true,
  archivedAt: true,
  updatedAt: true,
} as const;

/** The workspace's achievements (newest first) with how many credentials each has issued. */
export async function listAchievements(organizationId: string, { archived = false }: { archived?: boolean } = {}) {
  const [achievements, counts] = await Promise.all([
    db.achievement.findMany({
      where: { organizationId, archivedAt: archived ? { not: null } : null },
      orderBy: { createdAt: "desc" },
      select: summarySelect,
    }),
    db.credential.groupBy({ by: ["achievementId"], where: { organizationId }, _count: { _all: true } }),
  ]);
  const issued = new Map(counts.map((row) => [row.achievementId, row._count._all]));
  return achievements.map((achievement) => ({
    ...achievement,
    imageSrc: badgeImageSrc(achievement),
    credentialCount: issued.get(achievement.id) ?? 0,
  }));
}

/** The badge image of an achievement's current version (path-relative, for the app's own pages). */
export function badgeImageSrc(achievement: { id: string; version: number; imageUrl: string | null }): string {
  return achievement.imageUrl ?? `/b/${achievement.id}/v/${achievement.version}/image.png`;
}

/** One achievement for its workspace page: the fields, its versions, credentials per version. */
export async function achievementDetail(organizationId: string, achievementId: string) {
  const achievement = await findAchievement(organizationId, achievementId);
  const [versions, counts] = await Promise.all([
    db.achievementVersion.findMany({ where: { achievementId }, orderBy: { version: "desc" }, select: { version: true, createdAt: true, snapshot: true } }),
    db.credential.groupBy({ by: ["achievementVersion"], where: { organizationId, achievementId }, _count: { _all: true } }),
  ]);
  const issued = new Map(counts.map((row) => [row.achievementVersion, row._count._all]));
  const { imagePng: _png, imageSvg: _svg, ...fields } = achievement;
  return {
    ...fields,
    hasUploadedImage: !achievement.design && Boolean(achievement.imagePng),
    imageSrc: badgeImageSrc(achievement),
    credentialCount: [...issued.values()].reduce((sum, n) => sum + n, 0),
    versions: [
      { version: achievement.version, name: achievement.name, savedAt: achievement.updatedAt, current: true, credentialCount: issued.get(achievement.version) ?? 0 },
      ...versions.map((row) => ({
        version: row.version,
        name: (row.snapshot as AchievementSnapshot).name,
        // A version's snapshot is written when it is replaced; it was current until then.
        savedAt: row.createdAt,
        current: false,
        credentialCount: issued.get(row.version) ?? 0,
      })),
    ],
  };
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

/** How many of an achievement's latest credentials get their card rendered again after an edit. */
const RECENT_CARDS = 100;

/**
 * The cards an edit of an achievement changes: its own, its issuer's, and those of its latest
 * credentials (the ones most likely shared now; older ones render on their next visit).
 */
async function cardsOfAchievement(organizationId: string, achievementId: string): Promise<CardRef[]> {
  const recent = await db.credential.findMany({ where: { achievementId, revokedAt: null }, orderBy: { createdAt: "desc" }, take: RECENT_CARDS, select: { id: true } });
  return [{ kind: "achievement", id: achievementId }, { kind: "issuer", id: organizationId }, ...recent.map(({ id }) => ({ kind: "credential" as const, id }))];
}
