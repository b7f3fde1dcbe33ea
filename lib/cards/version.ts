import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { credentialState, type CredentialState } from "@/lib/issuing/public-views";

export const CARD_KINDS = ["credential", "profile", "achievement", "issuer"] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/**
 * Bumped whenever the card layout changes, so every card gets a new version (and crawlers a
 * new URL) when the design does.
 */
export const CARD_LAYOUT_REVISION = 1;

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

/**
 * The current version of a card, from one small query (two for counts). Returns null when the
 * record does not exist or is not public at all (an unknown handle, a hidden profile).
 */
export async function cardHead(kind: CardKind, id: string, now = new Date()): Promise<CardHead | null> {
  if (!id || id.length > 200) return null;
  switch (kind) {
    case "credential": {
      const c = await db.credential.findUnique({
        where: { id },
        select: {
          recipientName: true,
          revokedAt: true,
          validFrom: true,
          validUntil: true,
          achievementVersion: true,
          achievement: { select: { id: true, name: true, updatedAt: true } },
          organization: { select: { name: true, primaryColor: true, updatedAt: true } },
          backpackEntry: { select: { visibility: true } },
        },
      });
      if (!c) return null;
      const state = credentialState(c, now);
      return {
        kind,
        key: id,
        state,
        title: c.achievement.name,
        restricted: c.backpackEntry?.visibility === "private",
        version: versionOf([
          kind,
          c.recipientName,
          state,
          stamp(c.validFrom),
          c.achievementVersion,
          c.achievement.name,
          stamp(c.achievement.updatedAt),
          c.organization.name,
          c.organization.primaryColor,
          stamp(c.organization.updatedAt),
        ]),
      };
    }
    case "profile": {
      const user = await db.user.findUnique({
        where: { handle: id },
        select: {
          id: true,
          name: true,
          headline: true,
          profilePublic: true,
          updatedAt: true,
          backpackEntries: {
            where: publicEntryWhere,
            orderBy: [...profileBadgeOrder],
            take: PROFILE_BADGES,
            select: { id: true, updatedAt: true, credential: { select: { achievementId: true, achievementVersion: true } } },
          },
          _count: { select: { backpackEntries: { where: publicEntryWhere } } },
        },
      });
      if (!user || !user.profilePublic) return null;
      return {
        kind,
        key: user.id,
        title: user.name ?? id,
        restricted: false,
        version: versionOf([
          kind,
          id,
          user.name,
          user.headline,
          stamp(user.updatedAt),
          user._count.backpackEntries,
          user.backpackEntries.map((e) => [e.id, stamp(e.updatedAt), e.credential?.achievementId, e.credential?.achievementVersion]),
        ]),
      };
    }
    case "achievement": {
      const a = await db.achievement.findUnique({
        where: { id },
        select: {
          name: true,
          version: true,
          updatedAt: true,
          organization: { select: { name: true, primaryColor: true, updatedAt: true } },
          _count: { select: { credentials: { where: { revokedAt: null } } } },
        },
      });
      if (!a) return null;
      return {
        kind,
        key: id,
        title: a.name,
        restricted: false,
        version: versionOf([kind, a.name, a.version, stamp(a.updatedAt), a.organization.name, a.organization.primaryColor, stamp(a.organization.updatedAt), a._count.credentials]),
      };
    }
    case "issuer": {
      const o = await db.organization.findUnique({
        where: { id },
        select: { name: true, description: true, primaryColor: true, updatedAt: true, _count: { select: { achievements: { where: { archivedAt: null } } } } },
      });
      if (!o) return null;
      return {
        kind,
        key: id,
        title: o.name,
        restricted: false,
        version: versionOf([kind, o.name, o.description, o.primaryColor, stamp(o.updatedAt), o._count.achievements]),
      };
    }
  }
}
