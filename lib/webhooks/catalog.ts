// The events an organization can subscribe a webhook endpoint to, with the shape of what each
// sends. Free of server imports: the OpenAPI document and the reference page read it too.
import { z } from "zod";
import { credentialResponseSchema } from "@/lib/api/schemas";
import { bulkJobResponseSchema } from "@/lib/issuing/bulk/api-schemas";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";

/** The payload's version: a change that could break a receiver gets a new one. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

const programRef = z.object({ id: z.string(), name: z.string(), url: z.url().describe("The program's public page, /p/{id}") });
const learnerRef = z.object({ email: z.string(), name: z.string().nullable() });
const credentialData = z.object({ credential: credentialResponseSchema });

/** Each event type: what it means, and its `data`. */
export const WEBHOOK_EVENTS = {
  "credential.issued": {
    description: "A credential was issued (one at a time, in bulk, through the API, or by a program).",
    data: credentialData,
  },
  "credential.claimed": { description: "Its learner accepted the credential into their backpack.", data: credentialData },
  "credential.declined": { description: "Its learner declined the credential (it stays verifiable).", data: credentialData },
  "credential.revoked": {
    description: "The organization revoked the credential.",
    data: credentialData.extend({ reason: z.string().nullable().describe("The reason given when revoking") }),
  },
  "credential.expired": { description: "The credential's validity ended (validUntil passed).", data: credentialData },
  "credential.shared": {
    description: "Its learner shared the credential.",
    data: credentialData.extend({ channel: z.string().describe("linkedin, x, facebook, email, link, embed or linkedin_profile (LinkedIn's add-to-profile opened)") }),
  },
  "bulk_job.completed": {
    description: "A bulk issue job ended: completed (every row issued, skipped or failed; see the counts) or failed (stopped; see error).",
    data: bulkJobResponseSchema,
  },
  "program.joined": {
    description: "A learner joined a program from its public page.",
    data: z.object({ program: programRef, learner: learnerRef }),
  },
  "program.level_reached": {
    description: "A learner reached one of a program's targets (a level, streak, loyalty milestone or pathway) and its badge was issued, or they already held it. An award waiting for the quota sends award.pending_quota first, and this once it is issued.",
    data: z.object({
      program: programRef,
      learner: learnerRef,
      award: z.object({
        id: z.string(),
        ruleId: z.string(),
        achievementId: z.string(),
        status: z.enum(["issued", "held"]).describe("issued: a credential was issued for it; held: the learner already held a valid credential of the achievement (credentialId names it)"),
        credentialId: z.string().nullable(),
      }),
    }),
  },
  "award.pending_quota": {
    description: "A program award waits because the month's issuing quota is used up; it is issued when the quota allows.",
    data: z.object({ program: programRef, learner: learnerRef, award: z.object({ id: z.string(), ruleId: z.string(), achievementId: z.string() }) }),
  },
} as const satisfies Record<WebhookEventType, { description: string; data: z.ZodType }>;

export { WEBHOOK_EVENT_TYPES, type WebhookEventType };
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENTS)[T]["data"]>;

/** The body of every delivery; `id` is also the `webhook-id` header (the same on every retry). */
export function webhookEnvelopeSchema<T extends WebhookEventType>(type: T) {
  return z.object({
    id: z.string().describe("The event's id: also the webhook-id header, the same on every retry (deduplicate on it)"),
    type: z.literal(type),
    version: z.literal(WEBHOOK_PAYLOAD_VERSION),
    timestamp: z.string().describe("When it happened (ISO 8601, UTC)"),
    organizationId: z.string(),
    data: WEBHOOK_EVENTS[type].data,
  });
}

export type WebhookEnvelope = { id: string; type: WebhookEventType; version: number; timestamp: string; organizationId: string; data: unknown };

// ---------------------------------------------------------------------------------------------
// Samples: what each event looks like, for the docs and for no-code tools ("test this trigger").

const SAMPLE_AT = "2026-01-15T10:30:00.000Z";
const sampleCredential = {
  id: "csamplecredential0000000001",
  url: "https://laurel.example/c/csamplecredential0000000001",
  status: "issued" as const,
  achievementId: "csampleachievement000000001",
  recipient: { email: "ada@example.org", name: "Ada Lovelace" },
  issuedAt: SAMPLE_AT,
  validFrom: SAMPLE_AT,
};
const sampleProgram = { id: "csampleprogram0000000000001", name: "Harbour Sailing Club", url: "https://laurel.example/p/csampleprogram0000000000001" };
const sampleLearner = { email: "ada@example.org", name: "Ada Lovelace" };

const SAMPLE_DATA: { [T in WebhookEventType]: WebhookEventData<T> } = {
  "credential.issued": { credential: sampleCredential },
  "credential.claimed": { credential: { ...sampleCredential, status: "claimed", claimedAt: "2026-01-16T08:00:00.000Z" } },
  "credential.declined": { credential: sampleCredential },
  "credential.revoked": { credential: { ...sampleCredential, status: "revoked", revokedAt: "2026-02-01T09:00:00.000Z" }, reason: "Issued by mistake" },
  "credential.expired": { credential: { ...sampleCredential, status: "expired", validUntil: "2027-01-15T10:30:00.000Z" } },
  "credential.shared": { credential: { ...sampleCredential, status: "claimed" }, channel: "linkedin" },
  "bulk_job.completed": {
    job: {
      id: "csamplebulkjob0000000000001",
      status: "completed",
      achievementId: "csampleachievement000000001",
      total: 120,
      done: 120,
      failed: 1,
      issued: 118,
      skipped: 1,
      error: null,
      createdAt: SAMPLE_AT,
      finishedAt: "2026-01-15T10:31:12.000Z",
      url: "https://laurel.example/api/v1/jobs/csamplebulkjob0000000000001",
    },
  },
  "program.joined": { program: sampleProgram, learner: sampleLearner },
  "program.level_reached": {
    program: sampleProgram,
    learner: sampleLearner,
    award: { id: "csampleaward000000000000001", ruleId: "csamplerule0000000000000001", achievementId: "csampleachievement000000001", status: "issued", credentialId: "csamplecredential0000000001" },
  },
  "award.pending_quota": {
    program: sampleProgram,
    learner: sampleLearner,
    award: { id: "csampleaward000000000000001", ruleId: "csamplerule0000000000000001", achievementId: "csampleachievement000000001" },
  },
};

const SAMPLE_BASE_URL = "https://laurel.example";

/** A made-up event of this type, shaped exactly as a real delivery's body (links on `baseUrl`). */
export function sampleWebhookEvent(type: WebhookEventType, organizationId = "csampleorganization00000001", baseUrl = SAMPLE_BASE_URL): WebhookEnvelope {
  const data = JSON.parse(JSON.stringify(SAMPLE_DATA[type]).replaceAll(SAMPLE_BASE_URL, baseUrl)) as unknown;
  return { id: "msg_sample", type, version: WEBHOOK_PAYLOAD_VERSION, timestamp: SAMPLE_AT, organizationId, data };
}
