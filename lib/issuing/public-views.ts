import { withLogoUrl } from "@/lib/orgs/public-logo";
import { db } from "@/lib/db";

export type CredentialState = "valid" | "revoked" | "expired" | "not_yet_valid";

export function credentialState(credential: { revokedAt: Date | null; validFrom: Date; validUntil: Date | null }, now = new Date()): CredentialState {
  if (credential.revokedAt) return "revoked";
  if (credential.validUntil && credential.validUntil < now) return "expired";
  // Written so an unreadable stored date (past year 9999) counts as not yet valid, never as valid.
  if (!(credential.validFrom <= now)) return "not_yet_valid";
  return "valid";
}

/** The achievement's current badge image (as lib/issuing/achievements' badgeImageSrc, without its imports). */
const badgeImageSrc = (achievement: { id: string; version: number; imageUrl: string | null }) =>
  achievement.imageUrl ?? `/b/${achievement.id}/v/${achievement.version}/image.png`;

/** An OB 3.0 alignment as shown on public pages. */
export type PublicAlignment = { targetName: string; targetUrl: string | null; targetFramework: string | null; targetCode: string | null };
export type PublicEvidence = { id: string | null; name: string | null; description: string | null; narrative: string | null };
/** A result the issuer recorded (`credentialSubject.result`), with the name of what it measures when the achievement says. */
export type PublicResult = { name: string | null; value: string };

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const httpUrl = (value: unknown): string | null => {
  const url = text(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
};
export const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);

/** Alignments from an achievement row or a signed document, with anything unusable dropped. */
export function publicAlignments(value: unknown): PublicAlignment[] {
  return asList(value).flatMap((raw) => {
    const a = asRecord(raw);
    const targetName = text(a.targetName);
    if (!targetName) return [];
    // Only http(s) links are rendered: a javascript: URL in a document must never become a link.
    return [{ targetName, targetUrl: httpUrl(a.targetUrl), targetFramework: text(a.targetFramework), targetCode: text(a.targetCode) }];
  });
}

/** A credential shows the image of the achievement version it was issued under (or the achievement's own image URL). */
export function credentialImageSrc(achievement: { id: string; imageUrl: string | null }, version: number): string {
  return achievement.imageUrl ?? `/b/${achievement.id}/v/${version}/image.png`;
}

export function publicEvidence(value: unknown): PublicEvidence[] {
  return asList(value).flatMap((raw) => {
    const e = asRecord(raw);
    const item = { id: httpUrl(e.id), name: text(e.name), description: text(e.description), narrative: text(e.narrative) };
    return item.id || item.name || item.description || item.narrative ? [item] : [];
  });
}

/**
 * Results from a signed document: each `value` (or `status`), named by the achievement's
 * `resultDescription` it points to when there is one.
 */
export function publicResults(results: unknown, descriptions: unknown): PublicResult[] {
  const names = new Map(
    asList(descriptions).flatMap((raw) => {
      const d = asRecord(raw);
      const id = text(d.id);
      const name = text(d.name);
      return id && name ? [[id, name] as const] : [];
    }),
  );
  return asList(results).flatMap((raw) => {
    const r = asRecord(raw);
    const value = text(r.value) ?? text(r.status);
    if (!value) return [];
    const described = text(r.resultDescription);
    return [{ name: (described && names.get(described)) || null, value }];
  });
}

const organizationSelect = { id: true, name: true, description: true, website: true, logo: true, primaryColor: true, updatedAt: true } as const;

/**
 * What the public credential page shows. The recipient's email is never part of it. The
 * achievement's texts are the ones signed into the credential (as issued), falling back to the
 * achievement's current ones for anything the document lacks.
 */
export async function credentialPageData(credentialId: string) {
  if (!credentialId || credentialId.length > 200) return null;
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      id: true,
      recipientName: true,
      issuedAt: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      achievementVersion: true,
      document: true,
      achievement: {
        select: {
          id: true,
          name: true,
          description: true,
          criteriaNarrative: true,
          criteriaUrl: true,
          achievementType: true,
          howToEarnUrl: true,
          tags: true,
          alignments: true,
          imageUrl: true,
          certificate: true,
          archivedAt: true,
        },
      },
      organization: { select: organizationSelect },
      backpackEntry: { select: { userId: true, visibility: true, state: true, user: { select: { handle: true, profilePublic: true } } } },
    },
  });
  if (!credential) return null;
  const { document, backpackEntry, organization, ...rest } = credential;
  const signed = asRecord(document);
  const subject = asRecord(signed.credentialSubject);
  const issued = asRecord(subject.achievement);
  const criteria = asRecord(issued.criteria);
  const live = credential.achievement;
  const tags = asList(issued.tag).filter((tag): tag is string => typeof tag === "string" && tag.trim() !== "");
  const imageSrc = credentialImageSrc(live, credential.achievementVersion);
  return {
    ...rest,
    organization: withLogoUrl(organization),
    achievement: {
      ...live,
      name: text(issued.name) ?? live.name,
      description: text(issued.description) ?? live.description,
      criteriaNarrative: text(criteria.narrative) ?? (issued.criteria ? null : live.criteriaNarrative),
      criteriaUrl: httpUrl(criteria.id) ?? (issued.criteria ? null : live.criteriaUrl),
      achievementType: text(issued.achievementType) ?? live.achievementType,
      tags: tags.length || issued.tag !== undefined ? tags : live.tags,
      alignments: publicAlignments(issued.alignment ?? live.alignments),
    },
    narrative: text(subject.narrative),
    evidence: publicEvidence(signed.evidence),
    results: publicResults(subject.result, issued.resultDescription),
    imageSrc,
    hasCertificate: live.certificate !== null,
    state: credentialState(credential),
    /** Private: only the learner and the issuing organization may see it. */
    visibility: backpackEntry?.visibility === "private" ? ("private" as const) : ("public" as const),
    /** The learner who holds it in their backpack, once claimed. */
    learnerId: backpackEntry?.userId ?? null,
    /** The learner's public profile, only while this credential shows on it (accepted, public, profile public). */
    profileHandle:
      backpackEntry?.state === "accepted" && backpackEntry.visibility === "public" && backpackEntry.user?.profilePublic && backpackEntry.user.handle
        ? backpackEntry.user.handle
        : null,
  };
}

export type CredentialPageData = NonNullable<Awaited<ReturnType<typeof credentialPageData>>>;

export async function achievementPageData(achievementId: string) {
  if (!achievementId || achievementId.length > 200) return null;
  const achievement = await db.achievement.findUnique({
    where: { id: achievementId },
    select: {
      id: true,
      version: true,
      name: true,
      description: true,
      criteriaNarrative: true,
      criteriaUrl: true,
      achievementType: true,
      howToEarnUrl: true,
      imageUrl: true,
      tags: true,
      alignments: true,
      archivedAt: true,
      organization: { select: organizationSelect },
      _count: { select: { credentials: { where: { revokedAt: null } } } },
    },
  });
  if (!achievement) return null;
  const { _count, alignments, organization, ...rest } = achievement;
  return { ...rest, organization: withLogoUrl(organization), alignments: publicAlignments(alignments), imageSrc: badgeImageSrc(achievement), holders: _count.credentials };
}

export type AchievementPageData = NonNullable<Awaited<ReturnType<typeof achievementPageData>>>;

export async function issuerPageData(organizationId: string) {
  if (!organizationId || organizationId.length > 200) return null;
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: organizationSelect });
  if (!org) return null;
  const [achievements, holders, programs] = await Promise.all([
    db.achievement.findMany({
      where: { organizationId, archivedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, version: true, name: true, description: true, achievementType: true, imageUrl: true, tags: true },
    }),
    db.credential.groupBy({ by: ["achievementId"], where: { organizationId, revokedAt: null }, _count: { _all: true } }),
    // Only what /p/{id} shows anyone: public and not archived.
    db.program.findMany({
      where: { organizationId, visibility: "public", archivedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, name: true, description: true },
    }),
  ]);
  const holdersOf = new Map(holders.map((row) => [row.achievementId, row._count._all]));
  return {
    ...withLogoUrl(org),
    achievements: achievements.map((a) => ({ ...a, imageSrc: badgeImageSrc(a), holders: holdersOf.get(a.id) ?? 0 })),
    programs,
  };
}

export type IssuerPageData = NonNullable<Awaited<ReturnType<typeof issuerPageData>>>;
