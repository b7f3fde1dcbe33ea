import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client.ts";
import type { BackpackQuery } from "./schemas";

/** Within this many days of expiry a credential shows "expiring soon". */
export const EXPIRING_SOON_DAYS = 30;

export type EntryStatus = "valid" | "expiring" | "expired" | "revoked" | "not_yet_valid" | "unverified";

/** One card in the backpack: a Laurel credential or an import, in the same shape. */
export type BackpackItem = {
  id: string;
  credentialId: string | null;
  source: "laurel" | "import";
  state: "pending" | "accepted" | "declined";
  visibility: "public" | "private";
  pinPosition: number | null;
  name: string;
  issuer: { key: string; name: string; orgId: string | null };
  imageSrc: string | null;
  issuedOn: Date | null;
  expiresAt: Date | null;
  status: EntryStatus;
  skills: string[];
  createdAt: Date;
};

// Never the imported image itself (a data URL): the page links to /backpack/{id}/image instead.
export const ENTRY_SELECT = {
  id: true,
  credentialId: true,
  state: true,
  visibility: true,
  pinPosition: true,
  verified: true,
  verification: true,
  name: true,
  issuerName: true,
  issuerUrl: true,
  skills: true,
  issuedOn: true,
  expiresAt: true,
  createdAt: true,
  credential: {
    select: {
      id: true,
      validFrom: true,
      validUntil: true,
      revokedAt: true,
      achievementVersion: true,
      achievement: { select: { id: true, name: true, imageUrl: true, tags: true } },
      organization: { select: { id: true, name: true } },
    },
  },
} satisfies Prisma.BackpackEntrySelect;

type EntryRow = Prisma.BackpackEntryGetPayload<{ select: typeof ENTRY_SELECT }> & { hasImage?: boolean };

const DAY_MS = 24 * 60 * 60 * 1000;

function validityStatus(dates: { revoked: boolean; validFrom?: Date | null; validUntil: Date | null }, now: Date): EntryStatus {
  if (dates.revoked) return "revoked";
  if (dates.validUntil && dates.validUntil < now) return "expired";
  if (dates.validFrom && dates.validFrom > now) return "not_yet_valid";
  if (dates.validUntil && dates.validUntil.getTime() - now.getTime() <= EXPIRING_SOON_DAYS * DAY_MS) return "expiring";
  return "valid";
}

/** Whether an import's stored verification report says its issuer revoked it. */
function importRevoked(verification: Prisma.JsonValue): boolean {
  const checks = (verification as { checks?: unknown } | null)?.checks;
  return Array.isArray(checks) && checks.some((check) => (check as { check?: string; ok?: boolean; code?: string })?.check === "status" && (check as { ok?: boolean }).ok === false && (check as { code?: string }).code === "revoked");
}

export function toBackpackItem(row: EntryRow, now = new Date()): BackpackItem {
  const base = {
    id: row.id,
    credentialId: row.credentialId,
    state: (["pending", "accepted", "declined"].includes(row.state) ? row.state : "accepted") as BackpackItem["state"],
    visibility: (row.visibility === "private" ? "private" : "public") as BackpackItem["visibility"],
    pinPosition: row.pinPosition,
    createdAt: row.createdAt,
  };
  const credential = row.credential;
  if (credential) {
    return {
      ...base,
      source: "laurel",
      name: credential.achievement.name,
      issuer: { key: `org:${credential.organization.id}`, name: credential.organization.name, orgId: credential.organization.id },
      imageSrc: credential.achievement.imageUrl ?? `/b/${credential.achievement.id}/v/${credential.achievementVersion}/image.png`,
      issuedOn: credential.validFrom,
      expiresAt: credential.validUntil,
      status: validityStatus({ revoked: Boolean(credential.revokedAt), validFrom: credential.validFrom, validUntil: credential.validUntil }, now),
      skills: credential.achievement.tags,
    };
  }
  const issuerName = row.issuerName ?? row.issuerUrl ?? "";
  return {
    ...base,
    source: "import",
    name: row.name ?? "",
    issuer: { key: `name:${issuerName}`, name: issuerName, orgId: null },
    imageSrc: row.hasImage ? `/backpack/${row.id}/image` : null,
    issuedOn: row.issuedOn,
    expiresAt: row.expiresAt,
    status: row.verified ? validityStatus({ revoked: importRevoked(row.verification), validUntil: row.expiresAt }, now) : "unverified",
    skills: row.skills,
  };
}

/** Loads a person's entries (optionally only some ids) as backpack items. */
export async function loadBackpackItems(userId: string, where: Prisma.BackpackEntryWhereInput = {}, now = new Date()): Promise<BackpackItem[]> {
  const rows = await db.backpackEntry.findMany({ where: { ...where, userId }, select: ENTRY_SELECT });
  // Which imports carry an image, without reading the images themselves.
  const imported = rows.filter((row) => !row.credentialId).map((row) => row.id);
  const withImage = new Set(
    imported.length
      ? (await db.backpackEntry.findMany({ where: { id: { in: imported }, image: { not: null } }, select: { id: true } })).map((row) => row.id)
      : [],
  );
  return rows.map((row) => toBackpackItem({ ...row, hasImage: withImage.has(row.id) }, now));
}

const time = (date: Date | null, fallback: Date) => (date ?? fallback).getTime();

const SORTS: Record<BackpackQuery["sort"], (a: BackpackItem, b: BackpackItem) => number> = {
  newest: (a, b) => time(b.issuedOn, b.createdAt) - time(a.issuedOn, a.createdAt),
  oldest: (a, b) => time(a.issuedOn, a.createdAt) - time(b.issuedOn, b.createdAt),
  name: (a, b) => a.name.localeCompare(b.name) || SORTS.newest(a, b),
  issuer: (a, b) => a.issuer.name.localeCompare(b.issuer.name) || a.name.localeCompare(b.name),
};

function startOfDay(value: string) {
  return new Date(`${value}T00:00:00.000Z`);
}

function endOfDay(value: string) {
  return new Date(`${value}T23:59:59.999Z`);
}

function matches(item: BackpackItem, query: BackpackQuery): boolean {
  if (query.issuer && item.issuer.key !== query.issuer) return false;
  if (query.skill && !item.skills.some((skill) => skill.toLowerCase() === query.skill!.toLowerCase())) return false;
  if (query.status === "pending" && item.state !== "pending") return false;
  if (query.status && query.status !== "pending" && item.status !== query.status) return false;
  const issued = item.issuedOn ?? item.createdAt;
  if (query.from && issued < startOfDay(query.from)) return false;
  if (query.to && issued > endOfDay(query.to)) return false;
  return true;
}

export type BackpackListing = {
  items: BackpackItem[];
  /** Pinned ones in pin order (main view only). */
  pinned: BackpackItem[];
  /** Filter choices, from everything in the main view. */
  issuers: { key: string; name: string }[];
  skills: string[];
  /** How many credentials are in the main view and how many were declined, before filters. */
  activeCount: number;
  declinedCount: number;
};

/**
 * The backpack as the page shows it: declined ones only under show=declined; pending ones
 * first (they wait for an answer), then the chosen order; filters by issuer, skill, status
 * and issue date.
 */
export async function listBackpack(userId: string, query: BackpackQuery, now = new Date()): Promise<BackpackListing> {
  const all = await loadBackpackItems(userId, {}, now);
  const active = all.filter((item) => item.state !== "declined");
  const declined = all.filter((item) => item.state === "declined");
  const pool = query.show === "declined" ? declined : active;
  const sort = SORTS[query.sort];
  const items = pool
    .filter((item) => matches(item, query))
    .sort((a, b) => Number(b.state === "pending") - Number(a.state === "pending") || sort(a, b));
  const issuers = new Map<string, string>();
  const skills = new Map<string, string>();
  for (const item of pool) {
    issuers.set(item.issuer.key, item.issuer.name);
    for (const skill of item.skills) if (!skills.has(skill.toLowerCase())) skills.set(skill.toLowerCase(), skill);
  }
  return {
    items,
    pinned: query.show === "declined" ? [] : active.filter((item) => item.pinPosition).sort((a, b) => a.pinPosition! - b.pinPosition!),
    issuers: [...issuers].map(([key, name]) => ({ key, name })).sort((a, b) => a.name.localeCompare(b.name)),
    skills: [...skills.values()].sort((a, b) => a.localeCompare(b)),
    activeCount: active.length,
    declinedCount: declined.length,
  };
}
