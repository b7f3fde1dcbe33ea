import { organizationEntitlements } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { log as rootLog } from "@/lib/log";
import { applyEvents, LAUREL_EVENT_PREFIX, loadPrograms, type EngineEvent } from "./ingest";
import { evaluatePathways } from "./pathways";
import { LAUREL_METRICS, MAX_EVENTS_PER_REQUEST, type LaurelMetric } from "./schemas";

const log = rootLog.child({ module: "programs" });

const CURSOR_ID = "laurel";
/** Each run re-reads this much before the last one's end: events committed late are still fed. */
export const FEED_OVERLAP_MS = 10 * 60_000;
/** A first run starts this far back. */
const FIRST_RUN_MS = 24 * 60 * 60_000;
const PAGE = 1000;

/** Which of Laurel's metrics a credential event counts for (see CredentialEventType). */
const METRIC_OF: Record<string, LaurelMetric> = {
  issued: "laurel.credentials_earned",
  shared: "laurel.credentials_shared",
  added_to_profile: "laurel.credentials_shared",
  clicked: "laurel.share_clicks",
};
/** Events that change which credentials a learner holds: pathways are checked again. */
const PATHWAY_TYPES = new Set(["issued", "revoked"]);
const FED_TYPES = [...new Set([...Object.keys(METRIC_OF), ...PATHWAY_TYPES])];

/**
 * The id of the program event derived from a credential event: one per program that reads the
 * metric, so the same credential event counts once in each (ids are unique per organization).
 */
export const laurelEventId = (credentialEventId: string, programId: string) => `${LAUREL_EVENT_PREFIX}${credentialEventId}:${programId}`;

type FeedRow = { id: string; organizationId: string; type: string; createdAt: Date; email: string; name: string | null; achievementId: string };

export type FeedResult = { read: number; fed: number; awards: number; revoked: number };

/**
 * Feeds Laurel's own credential events to the programs: credentials issued, shared and their
 * share links clicked become events of `laurel.*` metrics for every program with a rule reading
 * that metric (through the same engine as the API's events), and credentials issued or revoked
 * make the pathways that count them look again. Reading a window twice changes nothing: each
 * derived event has a fixed id, and pathways award once. `since` (and `organizationId`) read a
 * given window without moving the feed's own cursor.
 */
export async function feedLaurelEvents(options: { organizationId?: string; since?: Date; now?: Date } = {}): Promise<FeedResult> {
  const now = options.now ?? new Date();
  const ownCursor = !options.since && !options.organizationId;
  const cursor = ownCursor ? await db.programFeedCursor.findUnique({ where: { id: CURSOR_ID } }) : null;
  const from = options.since ?? (cursor ? new Date(cursor.through.getTime() - FEED_OVERLAP_MS) : new Date(now.getTime() - FIRST_RUN_MS));
  const result: FeedResult = { read: 0, fed: 0, awards: 0, revoked: 0 };

  let after: { createdAt: Date; id: string } | null = null;
  for (;;) {
    const page: FeedRow[] = await db.$queryRaw<FeedRow[]>`
      SELECT e."id", e."organizationId", e."type", e."createdAt", c."recipientEmail" AS "email", c."recipientName" AS "name", c."achievementId"
      FROM "CredentialEvent" e
      JOIN "Credential" c ON c."id" = e."credentialId"
      WHERE e."type" = ANY(${FED_TYPES}::text[])
        AND e."createdAt" >= ${from.toISOString()}::timestamp(3) AND e."createdAt" <= ${now.toISOString()}::timestamp(3)
        AND (${options.organizationId ?? null}::text IS NULL OR e."organizationId" = ${options.organizationId ?? null}::text)
        -- Only organizations with a live rule this feed serves: most issue without programs.
        AND EXISTS (
          SELECT 1 FROM "ProgramRule" r JOIN "Program" p ON p."id" = r."programId" AND p."archivedAt" IS NULL
          WHERE r."organizationId" = e."organizationId" AND r."deletedAt" IS NULL
            AND (r."kind" = 'pathway' OR r."metric" = ANY(${[...LAUREL_METRICS]}::text[])))
        AND (${after?.createdAt.toISOString() ?? null}::timestamp(3) IS NULL OR (e."createdAt", e."id") > (${after?.createdAt.toISOString() ?? null}::timestamp(3), ${after?.id ?? ""}))
      ORDER BY e."createdAt", e."id"
      LIMIT ${PAGE}`;
    if (page.length === 0) break;
    result.read += page.length;
    const last = page[page.length - 1];
    after = { createdAt: new Date(last.createdAt), id: last.id };
    const byOrg = new Map<string, FeedRow[]>();
    for (const row of page) byOrg.set(row.organizationId, [...(byOrg.get(row.organizationId) ?? []), row]);
    for (const [organizationId, rows] of byOrg) {
      const outcome = await feedOrganization(organizationId, rows);
      result.fed += outcome.fed;
      result.awards += outcome.awards;
      result.revoked += outcome.revoked;
    }
    if (page.length < PAGE) break;
  }
  if (ownCursor) {
    await db.programFeedCursor.upsert({ where: { id: CURSOR_ID }, create: { id: CURSOR_ID, through: now }, update: { through: now } });
  }
  if (result.fed > 0 || result.awards > 0) log.info({ ...result }, "Laurel events fed to programs");
  return result;
}

async function feedOrganization(organizationId: string, rows: FeedRow[]): Promise<{ fed: number; awards: number; revoked: number }> {
  // Programs are a plan feature: an organization without it keeps its rules, and they rest.
  if (!(await organizationEntitlements(organizationId)).features.includes("programs")) return { fed: 0, awards: 0, revoked: 0 };
  // Only programs with a rule reading one of Laurel's metrics receive them.
  const reading = await db.programRule.findMany({
    where: { organizationId, deletedAt: null, metric: { in: [...LAUREL_METRICS] }, program: { archivedAt: null } },
    select: { programId: true, metric: true },
  });
  let fed = 0;
  let awards = 0;
  if (reading.length > 0) {
    const programs = await loadPrograms(organizationId, [...new Set(reading.map((r) => r.programId))]);
    const events: EngineEvent[] = [];
    for (const row of rows) {
      const metric = METRIC_OF[row.type];
      if (!metric) continue;
      for (const program of programs.values()) {
        if (!program.laurelMetrics.has(metric)) continue;
        events.push({ externalId: laurelEventId(row.id, program.id), programId: program.id, email: row.email, name: row.name ?? undefined, metric, value: 1, occurredAt: new Date(row.createdAt) });
      }
    }
    for (let start = 0; start < events.length; start += MAX_EVENTS_PER_REQUEST) {
      const outcome = await applyEvents(organizationId, programs, events.slice(start, start + MAX_EVENTS_PER_REQUEST));
      fed += outcome.accepted;
      awards += outcome.awards.length;
    }
  }
  const touched = rows.filter((row) => PATHWAY_TYPES.has(row.type)).map((row) => ({ email: row.email, achievementId: row.achievementId }));
  const pathways = await evaluatePathways(organizationId, touched);
  return { fed, awards: awards + pathways.awarded.length, revoked: pathways.revoked.length };
}
