import { z } from "zod";
import { safeText } from "@/lib/text";
import { CREDENTIAL_STATUSES } from "@/lib/issuing/list-credentials";
import { ACHIEVEMENT_TYPES, achievementInputSchema, alignmentSchema, issueCredentialSchema, revokeCredentialSchema } from "@/lib/issuing/schemas";
import { paginationSchema } from "./pagination";

/**
 * The REST API's request and response shapes. Request bodies ARE the issuing schemas the
 * dashboard forms use (Open Badges names), so the API, the UI and the OpenAPI document cannot
 * drift apart; only query strings and answers are defined here.
 */
export const achievementBodySchema = achievementInputSchema;
export const credentialBodySchema = issueCredentialSchema;
export const revokeBodySchema = revokeCredentialSchema;

export const listAchievementsQuerySchema = paginationSchema;
export const listCredentialsQuerySchema = paginationSchema.extend({
  achievementId: safeText().trim().min(1).max(100).optional(),
  status: z.enum(CREDENTIAL_STATUSES).optional(),
  /** Exactly this recipient (an award of a program, say); case does not matter. */
  recipientEmail: safeText().trim().toLowerCase().max(320).pipe(z.email()).optional(),
});

const timestamp = z.iso.datetime();

export const achievementResponseSchema = z.object({
  id: z.string(),
  url: z.url().describe("The public page and Achievement JSON: /b/{id}"),
  name: z.string(),
  description: z.string(),
  criteria: z.object({ narrative: z.string().optional(), id: z.string().optional() }),
  achievementType: z.enum(ACHIEVEMENT_TYPES),
  image: z.string().optional(),
  tags: z.array(z.string()),
  alignment: z.array(alignmentSchema),
  version: z.number().int(),
  archived: z.boolean(),
  createdAt: timestamp,
});

export const credentialResponseSchema = z.object({
  id: z.string(),
  url: z.url().describe("The credential's id and public page: /c/{id}"),
  status: z.enum(CREDENTIAL_STATUSES),
  achievementId: z.string(),
  recipient: z.object({ email: z.string(), name: z.string().optional() }),
  issuedAt: timestamp,
  validFrom: timestamp.nullable().describe("null only for a date stored out of range before dates were checked"),
  validUntil: timestamp.optional(),
  claimedAt: timestamp.optional(),
  revokedAt: timestamp.optional(),
});

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page; null on the last") });

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string().describe("Machine-readable: validation_failed, unauthorized, forbidden, not_found, conflict, rate_limited, invalid_json, unsupported_media_type, payload_too_large, idempotency_key_reused"),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).describe("Field errors ({ field: { code, params } }) or parameters of the error"),
  }),
});

export type AchievementResponse = z.infer<typeof achievementResponseSchema>;
export type CredentialResponse = z.infer<typeof credentialResponseSchema>;
