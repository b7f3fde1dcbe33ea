import { decodeImageDataUrl } from "@/lib/images/data-url";
import { db } from "@/lib/db";
import { credentialState, type CredentialState } from "@/lib/issuing/public-views";

/** What a public profile shows of one backpack entry, Laurel-issued or imported. */
export type ProfileEntry = {
  id: string;
  /** Set for credentials Laurel issued: their page is /c/{credentialId}. */
  credentialId: string | null;
  name: string;
  description: string | null;
  /** A site-relative URL, or null when there is no image to show. */
  imageSrc: string | null;
  issuer: { name: string | null; url: string | null; orgId: string | null };
  issuedOn: Date | null;
  expiresAt: Date | null;
  state: CredentialState;
  /** Imported from elsewhere (shown, not linked to a Laurel page). */
  imported: boolean;
  /** For imports: whether it passed verification when it came in. Laurel's own are always true. */
  verified: boolean;
  skills: string[];
  pinPosition: number | null;
};

export type ProfileCollection = { id: string; name: string; description: string | null; entries: ProfileEntry[] };
export type ProfileSkill = { name: string; count: number };

/** Entries a public profile shows: accepted and public (pending, declined and private ones never). */
const visibleEntry = { state: "accepted", visibility: "public" } as const;
export const PROFILE_PINS = 6;

/** The public image route of an imported badge (its image is stored as a data URL). */
export const importedImagePath = (handle: string, entryId: string, version: Date) =>
  `/u/${encodeURIComponent(handle)}/badges/${encodeURIComponent(entryId)}/image?v=${version.getTime().toString(36)}`;

/**
 * Everything /u/{handle} shows, in a fixed number of queries however many badges there are.
 * Null when there is no such handle or the learner hid their profile.
 */
export async function profilePageData(handle: string, now = new Date()) {
  if (!handle || handle.length > 100) return null;
  const user = await db.user.findUnique({
    where: { handle },
    select: {
      id: true,
      handle: true,
      name: true,
      headline: true,
      profilePublic: true,
      profileShowProgress: true,
      updatedAt: true,
      backpackEntries: {
        where: visibleEntry,
        orderBy: [{ acceptedAt: "desc" }, { createdAt: "desc" }],
        select: {
          id: true,
          credentialId: true,
          pinPosition: true,
          acceptedAt: true,
          createdAt: true,
          updatedAt: true,
          verified: true,
          name: true,
          description: true,
          issuerName: true,
          issuerUrl: true,
          skills: true,
          issuedOn: true,
          expiresAt: true,
          credential: {
            select: {
              id: true,
              validFrom: true,
              validUntil: true,
              revokedAt: true,
              achievementVersion: true,
              achievement: { select: { id: true, name: true, description: true, imageUrl: true, tags: true } },
              organization: { select: { id: true, name: true, website: true } },
            },
          },
        },
      },
      collections: {
        where: { visibility: "public" },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, name: true, description: true, items: { orderBy: [{ position: "asc" }], select: { entryId: true } } },
      },
    },
  });
  if (!user || !user.handle || !user.profilePublic) return null;

  // Imported images are data URLs: the list only needs to know which entries have one (the
  // image itself is served by its own route), so 500 badges never load 500 images here.
  // The photo (up to 1 MB) likewise has its own route.
  const [imageRows, photoRows] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "BackpackEntry"
      WHERE "userId" = ${user.id} AND "credentialId" IS NULL AND "image" IS NOT NULL
        AND "state" = 'accepted' AND "visibility" = 'public'`,
    db.$queryRaw<{ hasPhoto: boolean }[]>`SELECT ("photo" IS NOT NULL) AS "hasPhoto" FROM "User" WHERE "id" = ${user.id}`,
  ]);
  const withImage = new Set(imageRows.map((row) => row.id));

  const handleOf = user.handle;
  const entries: ProfileEntry[] = user.backpackEntries.map((entry) => {
    const c = entry.credential;
    if (c) {
      return {
        id: entry.id,
        credentialId: c.id,
        name: c.achievement.name,
        description: c.achievement.description,
        imageSrc: c.achievement.imageUrl ?? `/b/${c.achievement.id}/v/${c.achievementVersion}/image.png`,
        issuer: { name: c.organization.name, url: `/o/${c.organization.id}`, orgId: c.organization.id },
        issuedOn: c.validFrom,
        expiresAt: c.validUntil,
        state: credentialState(c, now),
        imported: false,
        verified: true,
        skills: c.achievement.tags,
        pinPosition: entry.pinPosition,
      };
    }
    return {
      id: entry.id,
      credentialId: null,
      name: entry.name ?? "",
      description: entry.description,
      imageSrc: withImage.has(entry.id) ? importedImagePath(handleOf, entry.id, entry.updatedAt) : null,
      issuer: { name: entry.issuerName, url: entry.issuerUrl && /^https?:\/\//i.test(entry.issuerUrl) ? entry.issuerUrl : null, orgId: null },
      issuedOn: entry.issuedOn,
      expiresAt: entry.expiresAt,
      state: entry.expiresAt && entry.expiresAt < now ? "expired" : "valid",
      imported: true,
      verified: entry.verified,
      skills: entry.skills,
      pinPosition: entry.pinPosition,
    };
  });
  // Newest first by the date it was issued, as a CV lists them.
  entries.sort((a, b) => (b.issuedOn?.getTime() ?? 0) - (a.issuedOn?.getTime() ?? 0));

  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const pinned = entries
    .filter((entry) => entry.pinPosition !== null)
    .sort((a, b) => a.pinPosition! - b.pinPosition!)
    .slice(0, PROFILE_PINS);
  const collections: ProfileCollection[] = user.collections
    .map((collection) => ({
      id: collection.id,
      name: collection.name,
      description: collection.description,
      // A private, declined or pending entry is simply not in byId, so it drops out here too.
      entries: collection.items.flatMap((item) => byId.get(item.entryId) ?? []),
    }))
    .filter((collection) => collection.entries.length > 0);

  return {
    id: user.id,
    handle: user.handle,
    name: user.name,
    headline: user.headline,
    /** A site-relative URL of the photo, versioned by the profile's last change; null without one. */
    photo: photoRows[0]?.hasPhoto ? `/u/${encodeURIComponent(handleOf)}/photo?v=${user.updatedAt.getTime().toString(36)}` : null,
    updatedAt: user.updatedAt,
    /** The learner chose to show their progress in public programs. */
    showProgress: user.profileShowProgress,
    pinned,
    collections,
    entries,
    skills: skillSummary(entries),
  };
}

export type ProfilePageData = NonNullable<Awaited<ReturnType<typeof profilePageData>>>;

/** Skill → how many of the shown credentials carry it, most common first (case-insensitive). */
export function skillSummary(entries: Pick<ProfileEntry, "skills">[]): ProfileSkill[] {
  const counts = new Map<string, ProfileSkill>();
  for (const entry of entries) {
    const seen = new Set<string>();
    for (const raw of entry.skills) {
      const name = raw.trim();
      const key = name.toLocaleLowerCase();
      if (!name || seen.has(key)) continue;
      seen.add(key);
      const skill = counts.get(key);
      if (skill) skill.count += 1;
      else counts.set(key, { name, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}


/** The photo of a public profile. */
export async function profilePhoto(handle: string): Promise<{ bytes: Uint8Array; type: string } | null> {
  if (!handle || handle.length > 100) return null;
  const user = await db.user.findUnique({ where: { handle }, select: { photo: true, profilePublic: true } });
  return user?.profilePublic ? decodeImageDataUrl(user.photo) : null;
}

/**
 * The image of an imported badge shown on a public profile: only for a public profile's
 * accepted, public entries. Returns the decoded bytes and their type, or null.
 */
export async function profileEntryImage(handle: string, entryId: string): Promise<{ bytes: Uint8Array; type: string } | null> {
  if (!handle || !entryId || handle.length > 100 || entryId.length > 100) return null;
  const entry = await db.backpackEntry.findFirst({
    where: { id: entryId, credentialId: null, ...visibleEntry, user: { handle, profilePublic: true } },
    select: { image: true },
  });
  return decodeImageDataUrl(entry?.image);
}
