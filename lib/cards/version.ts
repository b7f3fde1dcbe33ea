import { createHash } from "node:crypto";
import { credentialKind, type CredentialKind } from "@/lib/issuing/credential-kind";
import { db } from "@/lib/db";
import { credentialState, type CredentialState } from "@/lib/issuing/public-views";

export const CARD_KINDS = ["credential", "profile", "achievement", "issuer", "program"] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/**
 * Bumped whenever the card layout changes, so every card gets a new version (and crawlers a
 * new URL) when the design does.
 */
export const CARD_LAYOUT_REVISION = 2;

/** What the cheap per-request lookup learns: the current version and who may see the card. */
export type CardHead = {
  kind: CardKind;
  /** The record the card is about (a profile card is keyed by the user's id, not the handle). */
  key: string;
  version: string;
  /** Set for private credentials: only the learner and the issuing org may see them. */
  restricted: boolean;
  /** Used by the alt text. */
  title: string;
  state?: CredentialState;
  /** A certificate's card reads "certificate" in its alt text, a badge's "badge". */
  credentialKind?: CredentialKind;
};

/** Short, URL-safe hash of everything a card shows. */
export function versionOf(parts: unknown[]): string {
  return createHash("sha256")
    .update(JSON.stringify([CARD_LAYOUT_REVISION, ...parts]))
    .digest("base64url")
    .slice(0, 12);
}

const stamp = (date: Date | null | undefined) => (date ? date.getTime() : null);

/** Entries a public profile shows: accepted and public. */
export const publicEntryWhere = { state: "accepted", visibility: "public" } as const;
/** How many badge images a profile card shows. */
export const PROFILE_BADGES = 4;
/** The order a profile shows its badges in: pinned first, then the newest. */
export const profileBadgeOrder = [{ pinPosition: { sort: "asc", nulls: "last" } }, { acceptedAt: "desc" }, { createdAt: "desc" }] as const;

type CredentialRow = {
  achievementType: string;
  recipientName: string | null;
  revokedAt: Date | null;
  validFrom: Date;
  validUntil: Date | null;
  achievementVersion: number;
  achievementName: string;
  achievementUpdatedAt: Date;
  orgName: string;
  primaryColor: string;
  orgUpdatedAt: Date;
  visibility: string | null;
};
type ProfileRow = { id: string; name: string | null; headline: string | null; profilePublic: boolean; updatedAt: Date; publicCount: number; shown: unknown };
type AchievementRow = { name: string; achievementType: string; version: number; updatedAt: Date; orgName: string; primaryColor: string; orgUpdatedAt: Date; holders: number };
type ProgramRow = { name: string; description: string; image: string | null; updatedAt: Date; orgName: string; primaryColor: string; orgUpdatedAt: Date; badges: number };
type IssuerRow = { name: string; description: string | null; primaryColor: string; updatedAt: Date; achievements: number };

/**
 * The current version of a card, from one query (one round trip on the hot path: every card
 * request asks it, even when the PNG is cached). Returns null when the record does not exist or
 * is not public at all (an unknown handle, a hidden profile). The fields mirror what
 * `loadCardModel` draws; the profile's badges follow `profileBadgeOrder`.
 */
export async function cardHead(kind: CardKind, id: string, now = new Date()): Promise<CardHead | null> {
  if (!id || id.length > 200) return null;
  switch (kind) {
    case "credential": {
      const [c] = await db.$queryRaw<CredentialRow[]>`
        SELECT c."recipientName", c."revokedAt", c."validFrom", c."validUntil", c."achievementVersion",
               a."name" AS "achievementName", a."updatedAt" AS "achievementUpdatedAt", a."achievementType",
               o."name" AS "orgName", o."primaryColor", o."updatedAt" AS "orgUpdatedAt",
               b."visibility"
        FROM "Credential" c
        JOIN "Achievement" a ON a."id" = c."achievementId"
        JOIN "Organization" o ON o."id" = c."organizationId"
        LEFT JOIN "BackpackEntry" b ON b."credentialId" = c."id"
        WHERE c."id" = ${id}`;
      if (!c) return null;
      const state = credentialState(c, now);
      return {
        kind,
        key: id,
        state,
        title: c.achievementName,
        credentialKind: credentialKind(c.achievementType),
        restricted: c.visibility === "private",
        version: versionOf([
          kind,
          c.recipientName,
          state,
          stamp(c.validFrom),
          stamp(c.revokedAt),
          stamp(c.validUntil),
          c.achievementVersion,
          c.achievementName,
          stamp(c.achievementUpdatedAt),
          c.orgName,
          c.primaryColor,
          stamp(c.orgUpdatedAt),
        ]),
      };
    }
    case "profile": {
      const [user] = await db.$queryRaw<ProfileRow[]>`
        SELECT u."id", u."name", u."headline", u."profilePublic", u."updatedAt",
          (SELECT count(*)::int FROM "BackpackEntry" e
            WHERE e."userId" = u."id" AND e."state" = 'accepted' AND e."visibility" = 'public') AS "publicCount",
          (SELECT coalesce(json_agg(json_build_array(t."id", t."updatedAt", t."achievementId", t."achievementVersion")), '[]'::json)
            FROM (SELECT e."id", e."updatedAt", c."achievementId", c."achievementVersion"
                  FROM "BackpackEntry" e LEFT JOIN "Credential" c ON c."id" = e."credentialId"
                  WHERE e."userId" = u."id" AND e."state" = 'accepted' AND e."visibility" = 'public'
                  ORDER BY e."pinPosition" ASC NULLS LAST, e."acceptedAt" DESC, e."createdAt" DESC
                  LIMIT ${PROFILE_BADGES}) t) AS "shown"
        FROM "User" u
        WHERE u."handle" = ${id}`;
      if (!user || !user.profilePublic) return null;
      return {
        kind,
        key: user.id,
        title: user.name ?? id,
        restricted: false,
        version: versionOf([kind, id, user.name, user.headline, stamp(user.updatedAt), user.publicCount, user.shown]),
      };
    }
    case "achievement": {
      const [a] = await db.$queryRaw<AchievementRow[]>`
        SELECT a."name", a."achievementType", a."version", a."updatedAt", o."name" AS "orgName", o."primaryColor", o."updatedAt" AS "orgUpdatedAt",
          (SELECT count(*)::int FROM "Credential" c WHERE c."achievementId" = a."id" AND c."revokedAt" IS NULL) AS "holders"
        FROM "Achievement" a JOIN "Organization" o ON o."id" = a."organizationId"
        WHERE a."id" = ${id}`;
      if (!a) return null;
      return {
        kind,
        key: id,
        title: a.name,
        credentialKind: credentialKind(a.achievementType),
        restricted: false,
        version: versionOf([kind, a.name, a.version, stamp(a.updatedAt), a.orgName, a.primaryColor, stamp(a.orgUpdatedAt), a.holders]),
      };
    }
    case "program": {
      // Only a live public program has a card: a members-only one is nobody's business outside.
      const [p] = await db.$queryRaw<ProgramRow[]>`
        SELECT p."name", p."description", p."image", p."updatedAt", o."name" AS "orgName", o."primaryColor", o."updatedAt" AS "orgUpdatedAt",
          (SELECT count(DISTINCT r."achievementId")::int FROM "ProgramRule" r WHERE r."programId" = p."id" AND r."deletedAt" IS NULL) AS "badges"
        FROM "Program" p JOIN "Organization" o ON o."id" = p."organizationId"
        WHERE p."id" = ${id} AND p."archivedAt" IS NULL AND p."visibility" = 'public'`;
      if (!p) return null;
      return {
        kind,
        key: id,
        title: p.name,
        restricted: false,
        version: versionOf([kind, p.name, p.description, p.image?.length ?? 0, stamp(p.updatedAt), p.orgName, p.primaryColor, stamp(p.orgUpdatedAt), p.badges]),
      };
    }
    case "issuer": {
      const [o] = await db.$queryRaw<IssuerRow[]>`
        SELECT o."name", o."description", o."primaryColor", o."updatedAt",
          (SELECT count(*)::int FROM "Achievement" a WHERE a."organizationId" = o."id" AND a."archivedAt" IS NULL) AS "achievements"
        FROM "Organization" o
        WHERE o."id" = ${id}`;
      if (!o) return null;
      return {
        kind,
        key: id,
        title: o.name,
        restricted: false,
        version: versionOf([kind, o.name, o.description, o.primaryColor, stamp(o.updatedAt), o.achievements]),
      };
    }
  }
}
