import "server-only";
import { z } from "zod";
import { fieldError, parseInput } from "@/lib/errors";
import { ingestEvents } from "./ingest";
import { getProgramHead } from "./manage";
import { learnerProgress, type LearnerProgress } from "./progress";
import { MAX_EVENTS_PER_REQUEST } from "./schemas";
import { progressQuerySchema } from "./api-schemas";

/**
 * What the REST API adds around the program engine: the envelope of a batch of events and the
 * checks of the progress query. The events themselves are checked one by one by the engine, so a
 * bad event is rejected alone with its index instead of failing the batch.
 */

const envelopeSchema = z.object({ events: z.array(z.unknown()).min(1) });

export type EventsAnswer = { accepted: number; duplicates: number; rejected: Array<{ index: number; error: { code: string; message: string; field: string } }> };

export async function receiveEvents(organizationId: string, body: unknown): Promise<EventsAnswer> {
  const { events } = parseInput(envelopeSchema, body);
  if (events.length > MAX_EVENTS_PER_REQUEST) throw fieldError("events", "too_many", { max: MAX_EVENTS_PER_REQUEST, count: events.length });
  const result = await ingestEvents(organizationId, events, { source: "api" });
  // Awards are not part of the answer: they are credentials, listed by GET /api/v1/credentials.
  return { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected };
}

export async function learnerProgressQuery(organizationId: string, search: URLSearchParams): Promise<{ data: LearnerProgress[] }> {
  const query = parseInput(progressQuerySchema, Object.fromEntries(search));
  // Another organization's program answers exactly like a missing one.
  if (query.programId) await getProgramHead(organizationId, query.programId);
  return { data: await learnerProgress(organizationId, query.email, query.programId) };
}
