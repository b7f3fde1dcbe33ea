import type { z } from "zod";
import type { ApiScope } from "./scopes";
import {
  achievementBodySchema,
  achievementResponseSchema,
  credentialBodySchema,
  credentialResponseSchema,
  listAchievementsQuerySchema,
  listCredentialsQuerySchema,
  pageSchema,
  revokeBodySchema,
} from "./schemas";
import { bulkIssueBodySchema, bulkJobResponseSchema } from "@/lib/issuing/bulk/api-schemas";
import { analyticsSummaryQuerySchema, analyticsSummaryResponseSchema } from "@/lib/analytics/api";

export type Operation = {
  method: "GET" | "POST";
  /** OpenAPI path template, e.g. /api/v1/credentials/{id} */
  path: string;
  scope: ApiScope;
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  successStatus: 200 | 201 | 202;
  /** A request body that works, shown in the reference with a curl line. */
  example?: Record<string, unknown>;
};

/**
 * Every REST API v1 operation, in one table: route handlers take their scope and schemas from
 * here, and the OpenAPI document and the reference page are generated from it, so what is
 * documented is what is enforced. A new route under app/api/v1 needs an entry (a test checks).
 */
export const operations = {
  listAchievements: {
    method: "GET", path: "/api/v1/achievements", scope: "achievements:read", successStatus: 200,
    summary: "List achievements", description: "The organization's achievements (badge classes), newest first.",
    query: listAchievementsQuerySchema, response: pageSchema(achievementResponseSchema),
  },
  createAchievement: {
    method: "POST", path: "/api/v1/achievements", scope: "achievements:write", successStatus: 201,
    summary: "Create an achievement", description: "Open Badges 3.0 names. Answers with its id and public url (/b/{id}).",
    body: achievementBodySchema, response: achievementResponseSchema,
    example: { name: "Data Literacy", description: "Reads charts and tables critically.", criteria: { narrative: "Pass the final assessment." }, achievementType: "Badge", tags: ["data"] },
  },
  getAchievement: {
    method: "GET", path: "/api/v1/achievements/{id}", scope: "achievements:read", successStatus: 200,
    summary: "Get an achievement", response: achievementResponseSchema,
  },
  listCredentials: {
    method: "GET", path: "/api/v1/credentials", scope: "credentials:read", successStatus: 200,
    summary: "List credentials", description: "Newest first; filter by achievement and by status (issued, claimed, expired, revoked).",
    query: listCredentialsQuerySchema, response: pageSchema(credentialResponseSchema),
  },
  createCredential: {
    method: "POST", path: "/api/v1/credentials", scope: "credentials:write", successStatus: 201,
    summary: "Issue a credential", description: "Signs and issues one credential and emails the recipient. Send an Idempotency-Key to make retries safe.",
    body: credentialBodySchema, response: credentialResponseSchema,
    example: { achievementId: "ACHIEVEMENT_ID", recipient: { email: "learner@example.com", name: "Lee Learner" }, narrative: "Completed the course." },
  },
  getCredential: {
    method: "GET", path: "/api/v1/credentials/{id}", scope: "credentials:read", successStatus: 200,
    summary: "Get a credential", response: credentialResponseSchema,
  },
  revokeCredential: {
    method: "POST", path: "/api/v1/credentials/{id}/revoke", scope: "credentials:write", successStatus: 200,
    summary: "Revoke a credential", description: "Takes effect at once in the status list. The reason stays private to the organization.",
    body: revokeBodySchema, response: credentialResponseSchema, example: { reason: "Issued by mistake" },
  },
  bulkIssueCredentials: {
    method: "POST", path: "/api/v1/credentials/bulk", scope: "credentials:write", successStatus: 202,
    summary: "Issue credentials in bulk",
    description: "Up to 50,000 recipients in one request, issued by a background job; answers at once with the job (poll GET /api/v1/jobs/{id}). A recipient with a problem (bad email, date not ISO 8601, a repeat) is reported as a failed row; one already issued the same achievement with the same date and evidence is skipped, never issued twice.",
    body: bulkIssueBodySchema, response: bulkJobResponseSchema,
    example: { achievementId: "ACHIEVEMENT_ID", recipients: [{ email: "ada@example.com", name: "Ada Lovelace", validFrom: "2026-01-15" }, { email: "alan@example.com" }], message: "Congratulations!" },
  },
  getJob: {
    method: "GET", path: "/api/v1/jobs/{id}", scope: "credentials:read", successStatus: 200,
    summary: "Get a bulk job", description: "Its status (queued, running, completed, failed) and counts: rows done, issued, skipped (already issued) and failed.",
    response: bulkJobResponseSchema,
  },
  getAnalyticsSummary: {
    method: "GET", path: "/api/v1/analytics/summary", scope: "analytics:read", successStatus: 200,
    summary: "Get engagement analytics",
    description: "For a range of UTC days (the last 30 by default, at most 731), org-wide or for one achievement: totals, the funnel issued → claimed → shared → share clicks → \"earn this badge\" clicks with the rate of each step, share and return rates beside the market's benchmarks, the same for the period just before, a daily or weekly series, channels, top achievements and referrers. Link-preview crawlers never count as views. With `programId`, also an engagement program's figures in `program`: learners active, progressing and completed, inactive for 30 days and back, awards per day, learners per level and the median days to reach each. Bad or reversed dates, a malformed id and unknown parameters give 422; another organization's achievement or program gives 404.",
    query: analyticsSummaryQuerySchema, response: analyticsSummaryResponseSchema,
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
