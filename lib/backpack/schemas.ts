import { z } from "zod";
import { daySchema } from "@/lib/dates";
import { safeText } from "@/lib/text";

/** What the backpack's forms and actions accept; parsed at the edge, trusted inside. */

const id = safeText().trim().min(1).max(100);

export const credentialIdSchema = z.object({ credentialId: id });
export const entryIdSchema = z.object({ entryId: id });
export const visibilitySchema = z.enum(["public", "private"]);
export const directionSchema = z.enum(["up", "down"]);

export const entryVisibilitySchema = z.object({ entryId: id, visibility: visibilitySchema });
export const movePinSchema = z.object({ entryId: id, direction: directionSchema });

export const collectionInputSchema = z.object({
  name: safeText().trim().min(1).max(100),
  description: safeText()
    .trim()
    .max(500)
    .optional()
    .transform((value) => value || null),
  visibility: visibilitySchema.default("public"),
});
export const createCollectionSchema = collectionInputSchema;
export const updateCollectionSchema = collectionInputSchema.extend({ collectionId: id });
export const collectionIdSchema = z.object({ collectionId: id });
export const moveCollectionSchema = z.object({ collectionId: id, direction: directionSchema });
export const collectionEntrySchema = z.object({ collectionId: id, entryId: id });
export const moveCollectionItemSchema = collectionEntrySchema.extend({ direction: directionSchema });

export type CollectionInput = z.infer<typeof collectionInputSchema>;

/** The backpack page's URL: every view, sort and filter lives here, so it works without JavaScript. */
export const BACKPACK_SORTS = ["newest", "oldest", "name", "issuer"] as const;
export const BACKPACK_STATUSES = ["valid", "expiring", "expired", "revoked", "pending", "unverified"] as const;
export type BackpackSort = (typeof BACKPACK_SORTS)[number];
export type BackpackStatusFilter = (typeof BACKPACK_STATUSES)[number];

// YYYY-MM-DD within the years 1900–9999: 0000-01-01 would reach the database and fail there.
const day = daySchema;

const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema.optional().catch(undefined));

export const backpackQuerySchema = z.object({
  view: optional(z.enum(["grid", "list"])).transform((value) => value ?? "grid"),
  sort: optional(z.enum(BACKPACK_SORTS)).transform((value) => value ?? "newest"),
  issuer: optional(safeText().trim().min(1).max(300)),
  skill: optional(safeText().trim().min(1).max(200)),
  status: optional(z.enum(BACKPACK_STATUSES)),
  from: optional(day),
  to: optional(day),
  show: optional(z.enum(["active", "declined"])).transform((value) => value ?? "active"),
});
export type BackpackQuery = z.infer<typeof backpackQuerySchema>;

/** Lenient on purpose: a hand-edited URL with a bad value drops that filter instead of failing. */
export function parseBackpackQuery(params: Record<string, string | string[] | undefined>): BackpackQuery {
  return backpackQuerySchema.parse(params);
}
