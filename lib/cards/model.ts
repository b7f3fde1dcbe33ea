import { db } from "@/lib/db";
import { achievementVersionImage } from "@/lib/design/achievement-image";
import { drawableWithinBudget } from "@/lib/images/intake";
import { credentialState, type CredentialState } from "@/lib/issuing/public-views";
import { PROFILE_BADGES, profileBadgeOrder, publicEntryWhere, type CardHead } from "./version";

/** Images on cards are data URLs: nothing is fetched while rendering. */
export type CardImage = string;
export type CardIssuer = { name: string; logo: CardImage | null };

export type CardModel =
  | { kind: "credential"; brand: string; badge: CardImage | null; title: string; recipient: string | null; issuer: CardIssuer; issuedOn: Date; state: CredentialState; stateDate?: Date | null }
  | { kind: "profile"; name: string; headline: string | null; photo: CardImage | null; publicBadges: number; badges: CardImage[] }
  | { kind: "achievement"; brand: string; badge: CardImage | null; title: string; issuer: CardIssuer; holders: number }
  | { kind: "issuer"; brand: string; logo: CardImage | null; name: string; description: string | null; achievements: number }
  | { kind: "program"; brand: string; image: CardImage | null; name: string; description: string | null; issuer: CardIssuer; badges: number };

// Formats satori and resvg both draw. WebP and anything else are left out (initials show instead).
const DRAWABLE = /^data:image\/(png|jpeg|jpg|gif|svg\+xml)(;[a-z0-9=.+-]+)*,/i;

/**
 * A stored data URL the renderer can draw, or null: a format it draws, within the pixel budget
 * and the SVG policy (an image stored before those checks existed must not stall a render).
 */
export function drawable(dataUrl: string | null | undefined): CardImage | null {
  return dataUrl && DRAWABLE.test(dataUrl) && drawableWithinBudget(dataUrl) ? dataUrl : null;
}

const pngUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

/** The badge image of an achievement version (the stored upload or the rendered design), as PNG. */
async function badgeImage(achievementId: string, version: number): Promise<CardImage | null> {
  const png = await achievementVersionImage(achievementId, version, "png");
  return png && typeof png !== "string" ? drawable(pngUrl(png)) : null;
}

/** Everything one card shows, loaded after `cardHead` found the record (and its version). */
export async function loadCardModel(head: CardHead, now = new Date()): Promise<CardModel | null> {
  switch (head.kind) {
    case "credential": {
      const c = await db.credential.findUnique({
        where: { id: head.key },
        select: {
          recipientName: true,
          revokedAt: true,
          validFrom: true,
          validUntil: true,
          achievementId: true,
          achievementVersion: true,
          achievement: { select: { name: true } },
          organization: { select: { name: true, logo: true, primaryColor: true } },
        },
      });
      if (!c) return null;
      const state = credentialState(c, now);
      return {
        kind: "credential",
        brand: c.organization.primaryColor,
        badge: await badgeImage(c.achievementId, c.achievementVersion),
        title: c.achievement.name,
        recipient: c.recipientName?.trim() || null,
        issuer: { name: c.organization.name, logo: drawable(c.organization.logo) },
        issuedOn: c.validFrom,
        state,
        // The date the footer names for a credential that no longer holds: revoked or expired on.
        stateDate: state === "revoked" ? c.revokedAt : state === "expired" ? c.validUntil : null,
      };
    }
    case "profile": {
      const user = await db.user.findUnique({
        where: { id: head.key },
        select: {
          name: true,
          handle: true,
          headline: true,
          photo: true,
          profilePublic: true,
          backpackEntries: {
            where: publicEntryWhere,
            orderBy: [...profileBadgeOrder],
            take: PROFILE_BADGES,
            select: { image: true, credential: { select: { achievementId: true, achievementVersion: true } } },
          },
          _count: { select: { backpackEntries: { where: publicEntryWhere } } },
        },
      });
      if (!user || !user.profilePublic) return null;
      const badges = await Promise.all(
        user.backpackEntries.map((entry) =>
          entry.credential ? badgeImage(entry.credential.achievementId, entry.credential.achievementVersion) : Promise.resolve(drawable(entry.image)),
        ),
      );
      return {
        kind: "profile",
        name: user.name?.trim() || user.handle || "",
        headline: user.headline?.trim() || null,
        photo: drawable(user.photo),
        publicBadges: user._count.backpackEntries,
        badges: badges.filter((b): b is CardImage => b !== null),
      };
    }
    case "achievement": {
      const a = await db.achievement.findUnique({
        where: { id: head.key },
        select: { id: true, name: true, version: true, organization: { select: { name: true, logo: true, primaryColor: true } } },
      });
      if (!a) return null;
      const holders = await db.credential.count({ where: { achievementId: a.id, revokedAt: null } });
      return {
        kind: "achievement",
        brand: a.organization.primaryColor,
        badge: await badgeImage(a.id, a.version),
        title: a.name,
        issuer: { name: a.organization.name, logo: drawable(a.organization.logo) },
        holders,
      };
    }
    case "program": {
      const p = await db.program.findFirst({
        where: { id: head.key, archivedAt: null, visibility: "public" },
        select: { name: true, description: true, image: true, organization: { select: { name: true, logo: true, primaryColor: true } } },
      });
      if (!p) return null;
      const badges = await db.programRule.findMany({ where: { programId: head.key, deletedAt: null }, distinct: ["achievementId"], select: { achievementId: true } });
      return {
        kind: "program",
        brand: p.organization.primaryColor,
        image: drawable(p.image) ?? drawable(p.organization.logo),
        name: p.name,
        description: p.description.trim() || null,
        issuer: { name: p.organization.name, logo: drawable(p.organization.logo) },
        badges: badges.length,
      };
    }
    case "issuer": {
      const o = await db.organization.findUnique({
        where: { id: head.key },
        select: { name: true, description: true, logo: true, primaryColor: true, _count: { select: { achievements: { where: { archivedAt: null } } } } },
      });
      if (!o) return null;
      return {
        kind: "issuer",
        brand: o.primaryColor,
        logo: drawable(o.logo),
        name: o.name,
        description: o.description?.trim() || null,
        achievements: o._count.achievements,
      };
    }
  }
}
