import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db";
import { AppError, fieldError, notFound } from "@/lib/errors";
import { getProgram, type Actor } from "./manage";
import { programViewer } from "./join";
import { findVisibleProgram } from "./public";
import { isLaurelMetric, type LeaderboardPeriod, type LeaderboardSettingsInput } from "./schemas";

/**
 * Leaderboards: off until an organization turns one on for a program (a metric, a period, a
 * size). Only learners who opted in appear, under their public handle (when their profile is
 * public) or their initials; nobody else's name, address or value ever leaves this module. The
 * board is seen by whoever may see the program's page (public, or members only).
 */

export type LeaderboardSettings = { metric: string; period: LeaderboardPeriod; size: number };

export type LeaderboardEntry = {
  rank: number;
  /** The learner's public handle (their profile at /u/{handle} is public), else null. */
  handle: string | null;
  /** Initials, for a learner without a public profile. */
  initials: string;
  value: number;
  /** The signed-in viewer's own row. */
  you: boolean;
};

export type Leaderboard = LeaderboardSettings & { entries: LeaderboardEntry[] };

const DAY_MS = 86_400_000;

export async function leaderboardSettings(programId: string): Promise<LeaderboardSettings | null> {
  const row = await db.programLeaderboard.findUnique({ where: { programId }, select: { metric: true, period: true, size: true } });
  return row ? { metric: row.metric, period: row.period as LeaderboardPeriod, size: row.size } : null;
}

/** The designer's settings: turns the board off (deletes it) or on with a metric the program reads. */
export async function saveLeaderboardSettings(organizationId: string, input: LeaderboardSettingsInput, actor: Actor = {}): Promise<LeaderboardSettings | null> {
  const program = await getProgram(organizationId, input.programId);
  if (!input.enabled) {
    await db.$transaction(async (tx) => {
      const { count } = await tx.programLeaderboard.deleteMany({ where: { programId: program.id } });
      if (count > 0) await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.leaderboard_off", targetType: "program", targetId: program.id, ip: actor.ip });
    });
    return null;
  }
  const metric = input.metric;
  if (!metric || !(isLaurelMetric(metric) || program.metrics.some((m) => m.key === metric))) {
    throw fieldError("metric", "unknown_metric", { metric: metric ?? "" });
  }
  const settings = { metric, period: input.period, size: input.size };
  await db.$transaction(async (tx) => {
    await tx.programLeaderboard.upsert({ where: { programId: program.id }, create: { programId: program.id, ...settings }, update: settings });
    await recordAudit(tx, { organizationId, actorId: actor.userId, action: "program.leaderboard_on", targetType: "program", targetId: program.id, ip: actor.ip, data: settings });
  });
  return settings;
}

/**
 * A learner's choice to appear on the board (or to leave it). Only a learner of the program may
 * opt in: someone who joined it or whose organization sent events for them.
 */
export async function setLeaderboardOptIn(programId: string, userId: string, optIn: boolean): Promise<{ programId: string; optedIn: boolean }> {
  const program = await findVisibleProgram(programId, userId);
  if (!program) throw notFound("Program not found");
  if (!optIn) {
    await db.leaderboardOptIn.deleteMany({ where: { programId: program.id, userId } });
    return { programId: program.id, optedIn: false };
  }
  const viewer = await programViewer(program.id, userId);
  if (!viewer.signedIn || !viewer.enrolled) throw new AppError("forbidden", "Join the program first");
  await db.leaderboardOptIn.createMany({ data: [{ programId: program.id, userId }], skipDuplicates: true });
  return { programId: program.id, optedIn: true };
}

/** Where a period starts (null: all time). */
export function periodStart(period: LeaderboardPeriod, now: Date): Date | null {
  if (period === "month") return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  if (period === "30d") return new Date(now.getTime() - 30 * DAY_MS);
  return null;
}

type BoardRow = { userId: string; name: string | null; handle: string | null; profilePublic: boolean; value: number };

/**
 * The board of a program as this viewer may see it: null when the program is hidden from them
 * (members only, archived, missing) or has no board. Values per learner: all time reads the
 * learner's aggregate; a period reads the period's events (a sum adds them, a `latest` metric
 * takes the period's last reading). A person with several proven addresses is one row.
 */
export async function loadLeaderboard(programId: string, viewerId: string | null | undefined, now = new Date()): Promise<Leaderboard | null> {
  const program = await findVisibleProgram(programId, viewerId);
  if (!program) return null;
  const settings = await leaderboardSettings(program.id);
  if (!settings) return null;
  return { ...settings, entries: await rankOptedIn(program.id, settings, viewerId, now) };
}

/**
 * The board as the organization's API reads it (GET /api/v1/programs/{id}/leaderboard), to show
 * on its own site: the same opted-in learners, handles and initials as the public page, nothing
 * more. Null when the program has no board.
 */
export async function organizationLeaderboard(organizationId: string, programId: string, now = new Date()): Promise<Leaderboard | null> {
  const program = await getProgram(organizationId, programId);
  const settings = await leaderboardSettings(program.id);
  if (!settings) return null;
  return { ...settings, entries: await rankOptedIn(program.id, settings, null, now) };
}

async function rankOptedIn(programId: string, settings: LeaderboardSettings, viewerId: string | null | undefined, now: Date): Promise<LeaderboardEntry[]> {
  const program = { id: programId };
  const definition = await db.programMetric.findUnique({ where: { programId_key: { programId: program.id, key: settings.metric } }, select: { aggregate: true } });
  const latest = definition?.aggregate === "latest";
  const start = periodStart(settings.period, now);
  const rows = await db.$queryRaw<BoardRow[]>`
    WITH fans AS (
      SELECT u."id" AS "userId", u."name", u."handle", u."profilePublic"
      FROM "LeaderboardOptIn" o JOIN "User" u ON u."id" = o."userId"
      WHERE o."programId" = ${program.id}
    ),
    addresses AS (
      SELECT f."userId", lower(u."email") AS "email" FROM fans f JOIN "User" u ON u."id" = f."userId" WHERE u."emailVerified" IS NOT NULL
      UNION
      SELECT f."userId", e."email" FROM fans f JOIN "UserEmail" e ON e."userId" = f."userId" WHERE e."verifiedAt" IS NOT NULL
    ),
    per_address AS (
      SELECT a."userId", m."value"
      FROM addresses a JOIN "LearnerMetric" m ON m."programId" = ${program.id} AND m."email" = a."email" AND m."metric" = ${settings.metric}
      WHERE ${start}::timestamp(3) IS NULL
      UNION ALL
      SELECT a."userId", SUM(e."value") AS "value"
      FROM addresses a JOIN "ProgramEvent" e ON e."programId" = ${program.id} AND e."email" = a."email" AND e."metric" = ${settings.metric}
      WHERE ${start}::timestamp(3) IS NOT NULL AND NOT ${latest} AND e."occurredAt" >= ${start}::timestamp(3) AND e."occurredAt" <= ${now}::timestamp(3)
      GROUP BY a."userId", a."email"
      UNION ALL
      SELECT "userId", "value" FROM (
        SELECT DISTINCT ON (a."userId", a."email") a."userId", e."value"
        FROM addresses a JOIN "ProgramEvent" e ON e."programId" = ${program.id} AND e."email" = a."email" AND e."metric" = ${settings.metric}
        WHERE ${start}::timestamp(3) IS NOT NULL AND ${latest} AND e."occurredAt" >= ${start}::timestamp(3) AND e."occurredAt" <= ${now}::timestamp(3)
        ORDER BY a."userId", a."email", e."occurredAt" DESC, e."receivedAt" DESC
      ) readings
    )
    SELECT f."userId", f."name", f."handle", f."profilePublic",
      (CASE WHEN ${latest} THEN MAX(p."value") ELSE SUM(p."value") END)::float8 AS "value"
    FROM fans f JOIN per_address p ON p."userId" = f."userId"
    GROUP BY f."userId", f."name", f."handle", f."profilePublic"
    HAVING (CASE WHEN ${latest} THEN MAX(p."value") ELSE SUM(p."value") END) > 0
    ORDER BY "value" DESC, f."userId"
    LIMIT ${settings.size}`;
  // Ties share a rank (1, 2, 2, 4).
  let rank = 0;
  return rows.map((row, index): LeaderboardEntry => {
    if (index === 0 || row.value !== rows[index - 1].value) rank = index + 1;
    const handle = row.profilePublic && row.handle ? row.handle : null;
    return { rank, handle, initials: initialsOf(row.name), value: row.value, you: Boolean(viewerId) && row.userId === viewerId };
  });
}

/** "Ada Lovelace" → "A. L."; a learner without a name is "?" (never their address). */
export function initialsOf(name: string | null): string {
  const words = (name ?? "").trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return "?";
  const picked = words.length === 1 ? words : [words[0], words[words.length - 1]];
  return picked.map((word) => `${[...word][0]!.toLocaleUpperCase()}.`).join(" ");
}

/** The API's answer: the board without the viewer's own row marker (an API key is nobody). */
export async function presentLeaderboard(organizationId: string, programId: string) {
  const board = await organizationLeaderboard(organizationId, programId);
  if (!board) return { enabled: false, entries: [] };
  return {
    enabled: true,
    metric: board.metric,
    period: board.period,
    size: board.size,
    entries: board.entries.map(({ rank, handle, initials, value }) => ({ rank, handle, initials, value })),
  };
}
