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
import { verifyBodySchema, verifyResponseSchema } from "@/lib/verifier/api-schemas";
import { analyticsSummaryQuerySchema, analyticsSummaryResponseSchema } from "@/lib/analytics/api";
import {
  eventsBodySchema,
  eventsResponseSchema,
  leaderboardResponseSchema,
  listProgramsQuerySchema,
  programBodySchema,
  programListResponseSchema,
  programPatchBodySchema,
  programResponseSchema,
  progressQuerySchema,
  progressResponseSchema,
  ruleBodySchema,
  ruleResponseSchema,
} from "@/lib/programs/api-schemas";
import {
  webhookCreateBodySchema,
  webhookCreatedResponseSchema,
  webhookDeliveryListQuerySchema,
  webhookDeliveryResponseSchema,
  webhookEndpointResponseSchema,
  webhookListResponseSchema,
  webhookSampleResponseSchema,
  webhookSecretResponseSchema,
  webhookUpdateBodySchema,
} from "@/lib/webhooks/api-schemas";
import { ssoConnectionBodySchema, ssoConnectionListResponseSchema, ssoConnectionResponseSchema } from "@/lib/sso/schemas";
import { exampleIdpMetadata } from "@/lib/sso/example-metadata";
import { platformBodySchema, platformListResponseSchema, platformResponseSchema } from "@/lib/lti/schemas";

/**
 * Ids in examples where the body checks an id's shape: well-formed, matching nothing (the fuzz
 * suite swaps them for real ones).
 */
export const EXAMPLE_IDS = { achievement: "cexampleachievement00000001", program: "cexampleprogram000000000001" } as const;

export type Operation = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** OpenAPI path template, e.g. /api/v1/credentials/{id} */
  path: string;
  /** The API key scope it needs; absent for the public operations, which need no key (rate-limited per IP). */
  scope?: ApiScope;
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** Absent when the answer has no body (204). */
  response?: z.ZodType;
  successStatus: 200 | 201 | 202 | 204;
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
    summary: "List credentials", description: "Newest first; filter by achievement, by status (issued, claimed, expired, revoked) and by recipient email.",
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
  listPrograms: {
    method: "GET", path: "/api/v1/programs", scope: "programs:read", successStatus: 200,
    summary: "List programs", description: "The organization's engagement programs with their metrics and rules, newest first; archived ones only with ?archived=true.",
    query: listProgramsQuerySchema, response: programListResponseSchema,
  },
  createProgram: {
    method: "POST", path: "/api/v1/programs", scope: "programs:write", successStatus: 201,
    summary: "Create a program",
    description: "A program awards achievements automatically from learners' events, by rules over the metrics it names (lower-case keys; `sum` adds values up, `latest` keeps the latest reading). Laurel's own metrics (laurel.credentials_earned, laurel.credentials_shared, laurel.share_clicks) need no declaring. Answers with its id and public url (/p/{id}).",
    body: programBodySchema, response: programResponseSchema,
    example: { name: "Data Academy", description: "Learn data skills one course at a time.", visibility: "public", metrics: [{ key: "courses_completed", label: { en: "Courses completed", es: "Cursos completados" }, aggregate: "sum" }] },
  },
  getProgram: {
    method: "GET", path: "/api/v1/programs/{id}", scope: "programs:read", successStatus: 200,
    summary: "Get a program", response: programResponseSchema,
  },
  updateProgram: {
    method: "PATCH", path: "/api/v1/programs/{id}", scope: "programs:write", successStatus: 200,
    summary: "Change a program",
    description: "Any of the fields; `metrics` replaces the whole list. A metric a rule reads cannot be dropped, and a metric that already holds values cannot change between sum and latest (409 conflict, details.metrics). `enrolUrl: null` removes it.",
    body: programPatchBodySchema, response: programResponseSchema,
    example: { description: "Six courses, three levels, one certificate." },
  },
  addProgramRule: {
    method: "POST", path: "/api/v1/programs/{id}/rules", scope: "programs:write", successStatus: 201,
    summary: "Add a rule",
    description: "One rule awards one achievement: `target` (a metric reaches atLeast; several on one metric make a ladder of levels), `pathway` (count of the achievements in requires, all by default), `streak` (activity on a metric in `periods` consecutive weeks or months) or `loyalty` (`months` since the first activity, or `atLeast` activities of a metric within `withinDays`). The achievements must be this organization's and not archived, the metric declared by the program, and no other rule of the program may award the same achievement (409). The rule awards from the next event on.",
    body: ruleBodySchema, response: ruleResponseSchema,
    example: { achievementId: EXAMPLE_IDS.achievement, kind: "target", metric: "courses_completed", atLeast: 3 },
  },
  getProgramLeaderboard: {
    method: "GET", path: "/api/v1/programs/{id}/leaderboard", scope: "programs:read", successStatus: 200,
    summary: "Get a program's leaderboard",
    description: "The board the program's page shows, to show on your own site: only learners who chose to appear, under their public handle or their initials, never their name or address. `enabled: false` when the program has no board (turn one on in the program's designer).",
    response: leaderboardResponseSchema,
  },
  deleteProgramRule: {
    method: "DELETE", path: "/api/v1/programs/{id}/rules/{ruleId}", scope: "programs:write", successStatus: 204,
    summary: "Delete a rule", description: "The rule awards nothing more; what it already awarded stays issued. Answers 204 without a body.",
  },
  sendEvents: {
    method: "POST", path: "/api/v1/events", scope: "events:write", successStatus: 200,
    summary: "Send learners' events",
    description: "1 to 1,000 events per request. Each is checked on its own: an event with a bad field, an unknown or archived program, a metric the program does not declare, a negative value for a sum metric or a date more than five minutes ahead is listed in `rejected` with its index and the field at fault, and the others are taken. `id` is your idempotency key for the event: sending it again is counted in `duplicates` and changes nothing, so a whole request can be retried safely. Awards follow the program's rules and are issued as ordinary credentials (GET /api/v1/credentials).",
    body: eventsBodySchema, response: eventsResponseSchema,
    example: { events: [{ id: "lms-completion-81723", learner: { email: "learner@example.com", name: "Lee Learner" }, programId: EXAMPLE_IDS.program, metric: "courses_completed", value: 1, occurredAt: "2026-01-15T10:00:00Z" }] },
  },
  verifyCredential: {
    method: "POST", path: "/api/v1/verify", successStatus: 200,
    summary: "Verify any badge",
    description:
      "No API key needed; 30 requests a minute per IP address. Checks a credential from any issuer as Laurel's public verifier does: Open Badges 3.0 (JSON-LD with Data Integrity proofs, VC-JWT), 2.0 (hosted and signed), 1.0 hosted, baked PNG and SVG images. Send JSON with `url` (a credential, a baked image or a hosted assertion) or `credential` (the credential itself: an object, or text such as a VC-JWT), or send the badge itself as the body (image/png, image/svg+xml, application/jwt) or as `file` in multipart/form-data. The answer has one of four verdicts (valid, invalid, indeterminate: something could not be checked, try again later; unreadable), each check, and every document fetched. Nothing you send is stored.",
    body: verifyBodySchema, response: verifyResponseSchema,
    example: {
      credential: {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        type: ["VerifiableCredential", "OpenBadgeCredential"],
        issuer: { id: "https://badges.example.org/o/example-academy", type: ["Profile"], name: "Example Academy" },
        validFrom: "2026-01-15T10:00:00Z",
        credentialSubject: { type: ["AchievementSubject"], achievement: { id: "https://badges.example.org/b/data-basics", type: ["Achievement"], name: "Data Basics", criteria: { narrative: "Finish the course." } } },
      },
    },
  },
  getLearnerProgress: {
    method: "GET", path: "/api/v1/learners/progress", scope: "credentials:read", successStatus: 200,
    summary: "Get a learner's progress",
    description: "Per program (or the one named): each metric's value, the achievements earned and when, and the next targets with what remains. A program of another organization answers 404.",
    query: progressQuerySchema, response: progressResponseSchema,
  },
  listWebhooks: {
    method: "GET", path: "/api/v1/webhooks", scope: "webhooks:read", successStatus: 200,
    summary: "List webhook endpoints", description: "The organization's webhook endpoints, newest first (secrets are never shown again). Business plan.",
    response: webhookListResponseSchema,
  },
  createWebhook: {
    method: "POST", path: "/api/v1/webhooks", scope: "webhooks:write", successStatus: 201,
    summary: "Subscribe a webhook endpoint",
    description: "Laurel POSTs each event of the chosen types to `url`, signed the Standard Webhooks way (headers webhook-id, webhook-timestamp, webhook-signature). The answer holds the endpoint's `secret` (whsec_…), shown only this once: verify signatures with it. Failed deliveries are retried with backoff for about 24 hours; an endpoint failing for 3 days is turned off and the organization's owners and admins are emailed. This is also the subscribe call of REST hooks for Zapier, Make and n8n; DELETE /api/v1/webhooks/{id} unsubscribes. The url must be https on a public internet address. Business plan; at most 20 endpoints.",
    body: webhookCreateBodySchema, response: webhookCreatedResponseSchema,
    example: { url: "https://hooks.example.com/laurel", events: ["credential.issued", "credential.claimed"], description: "CRM sync" },
  },
  getWebhook: {
    method: "GET", path: "/api/v1/webhooks/{id}", scope: "webhooks:read", successStatus: 200,
    summary: "Get a webhook endpoint", response: webhookEndpointResponseSchema,
  },
  updateWebhook: {
    method: "PATCH", path: "/api/v1/webhooks/{id}", scope: "webhooks:write", successStatus: 200,
    summary: "Change a webhook endpoint", description: "Its url, events or description; `enabled: false` pauses deliveries, `enabled: true` turns it back on (also after it was turned off for failing).",
    body: webhookUpdateBodySchema, response: webhookEndpointResponseSchema,
    example: { events: ["credential.issued", "credential.revoked"], enabled: true },
  },
  deleteWebhook: {
    method: "DELETE", path: "/api/v1/webhooks/{id}", scope: "webhooks:write", successStatus: 204,
    summary: "Unsubscribe a webhook endpoint", description: "Deletes the endpoint and its delivery log; deliveries under way stop. Answers 204 without a body.",
  },
  rotateWebhookSecret: {
    method: "POST", path: "/api/v1/webhooks/{id}/rotate-secret", scope: "webhooks:write", successStatus: 200,
    summary: "Rotate a webhook's secret",
    description: "A new secret, shown only now. For 24 hours every delivery carries two signatures in webhook-signature, one by each secret, so a receiver can switch without missing one.",
    response: webhookSecretResponseSchema,
  },
  listWebhookDeliveries: {
    method: "GET", path: "/api/v1/webhooks/{id}/deliveries", scope: "webhooks:read", successStatus: 200,
    summary: "List an endpoint's deliveries", description: "The delivery log, newest first: state, attempts, the last answer's status and first kilobyte, the next attempt when one is due.",
    query: webhookDeliveryListQuerySchema, response: pageSchema(webhookDeliveryResponseSchema),
  },
  redeliverWebhook: {
    method: "POST", path: "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", scope: "webhooks:write", successStatus: 202,
    summary: "Send a delivery again", description: "Queues one more attempt now, with the same event id (webhook-id). 409 while the endpoint is turned off or the delivery is being sent.",
    response: webhookDeliveryResponseSchema,
  },
  getWebhookSample: {
    method: "GET", path: "/api/v1/webhooks/samples/{type}", scope: "webhooks:read", successStatus: 200,
    summary: "Sample events of a type",
    description: "What a delivery of this event type looks like, for building an integration (the \"test trigger\" step of Zapier, Make or n8n): up to 3 of the organization's latest real events of the type, or a made-up one when there are none yet. Always a list.",
    response: webhookSampleResponseSchema,
  },
  listSsoConnections: {
    method: "GET", path: "/api/v1/sso/connections", scope: "sso:read", successStatus: 200,
    summary: "List single sign-on connections",
    description: "The organization's single sign-on connection (at most one), with the URLs its identity provider needs and its email domains with their DNS TXT records and whether each is verified. The OIDC client secret is never shown. Business plan.",
    response: ssoConnectionListResponseSchema,
  },
  createSsoConnection: {
    method: "POST", path: "/api/v1/sso/connections", scope: "sso:write", successStatus: 201,
    summary: "Set up single sign-on",
    description: "OpenID Connect (`type: \"oidc\"`, the issuer whose discovery document is read now, a client id and secret) or SAML 2.0 (`type: \"saml\"`, the identity provider's metadata as `metadataXml` or `metadataUrl`; its assertions must be signed). `domains` are added to the organization's domains to verify: publish each one's TXT record (`txtName`, `txtValue`), then POST …/verify-domains. People at verified domains who sign in at /sign-in?email=… are sent to the identity provider; someone new joins with `defaultRole`; `enforce: true` refuses password sign-in and magic links for those addresses. An organization has one connection: posting again replaces it. An issuer that cannot be read or metadata without a signing certificate is refused by field (422). Business plan.",
    body: ssoConnectionBodySchema, response: ssoConnectionResponseSchema,
    example: { type: "saml", metadataXml: exampleIdpMetadata(), domains: ["academy.example"], enforce: false, defaultRole: "viewer" },
  },
  deleteSsoConnection: {
    method: "DELETE", path: "/api/v1/sso/connections/{id}", scope: "sso:write", successStatus: 204,
    summary: "Remove single sign-on", description: "Its people sign in with a password or a link again; the verified domains stay. Answers 204 without a body.",
  },
  verifySsoDomains: {
    method: "POST", path: "/api/v1/sso/connections/{id}/verify-domains", scope: "sso:write", successStatus: 200,
    summary: "Check the domains' DNS records",
    description: "Looks up the TXT record of each of the organization's domains now and answers the connection with each domain's state. A record found verifies its domain (unless another organization verified it first); one gone takes the verification away; a DNS server that could not be asked changes nothing.",
    response: ssoConnectionResponseSchema,
  },
  listLtiPlatforms: {
    method: "GET", path: "/api/v1/lti/platforms", scope: "lti:read", successStatus: 200,
    summary: "List LTI platforms",
    description: "The learning platforms (Canvas, Moodle, Blackboard, D2L…) registered for LTI 1.3, newest first, each with the tool's URLs. Pro and Business plans.",
    response: platformListResponseSchema,
  },
  createLtiPlatform: {
    method: "POST", path: "/api/v1/lti/platforms", scope: "lti:write", successStatus: 201,
    summary: "Register an LTI platform",
    description: "Registers a learning platform for LTI 1.3 with the values its admin got when adding Laurel as a tool. Answers with the tool's URLs to give the platform (the same for every platform of the organization): loginUrl (OIDC login initiation), launchUrl (redirect URI and target link URI), deepLinkUrl, jwksUrl (the tool's public keys) and configUrl (the configuration JSON; both public). Platform URLs must be https on public internet addresses. Pro and Business plans; at most 20 per organization.",
    body: platformBodySchema, response: platformResponseSchema,
    example: { issuer: "https://canvas.instructure.com", clientId: "10000000000042", authorizationUrl: "https://sso.canvaslms.com/api/lti/authorize_redirect", tokenUrl: "https://sso.canvaslms.com/login/oauth2/token", jwksUrl: "https://sso.canvaslms.com/api/lti/security/jwks", deploymentIds: ["42:8865aa05b4b79b64a91a86042e43af5ea8ae79eb"] },
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
