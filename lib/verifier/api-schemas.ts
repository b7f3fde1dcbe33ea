// The public verifier's request and answer, free of server imports: the OpenAPI document and the
// reference page read them too.
import { z } from "zod";
import { isSafeText, UNSAFE_TEXT_CODE } from "@/lib/text";

export const MAX_URL_LENGTH = 2048;
/** Pasted text or an uploaded file: a baked image is well under it. */
export const MAX_VERIFY_BYTES = 5 * 1024 * 1024;

export const verifierUrlSchema = z
  .string()
  .trim()
  .min(1, "required")
  .max(MAX_URL_LENGTH, "too_long")
  .refine(isSafeText, UNSAFE_TEXT_CODE)
  .refine((value) => {
    try {
      return /^https?:$/.test(new URL(value).protocol);
    } catch {
      return false;
    }
  }, "url_invalid");

/** POST /api/v1/verify's JSON body: exactly one of a URL or the credential itself. */
export const verifyBodySchema = z
  .object({
    url: verifierUrlSchema.optional().describe("An https URL of a credential, a baked badge image or an OB 1.0/2.0 hosted assertion"),
    credential: z
      .union([z.string().min(1).max(MAX_VERIFY_BYTES), z.record(z.string(), z.unknown())])
      .optional()
      .describe("The credential: a JSON-LD object, or text (JSON, a VC-JWT, an OB 2.0 signed assertion)"),
  })
  .strict()
  .refine((body) => (body.url === undefined) !== (body.credential === undefined), { message: "exactly_one", path: ["url"] });

const CHECK_NAMES = ["proof", "schema", "dates", "status", "issuer"] as const;

export const verifyResponseSchema = z.object({
  verdict: z
    .enum(["valid", "invalid", "indeterminate", "unreadable"])
    .describe("valid: every check passed; invalid: a check failed; indeterminate: nothing failed but something could not be checked (a key, list, context or hosted copy did not come, or a suite is not supported), so try again later; unreadable: not a credential"),
  valid: z.boolean(),
  format: z.string().describe("ob3-jsonld, ob3-jwt, ob2-hosted, ob2-signed, ob1-hosted, ob1-signed, ob05 or unknown"),
  checks: z.array(
    z.object({
      check: z.enum(CHECK_NAMES),
      state: z.enum(["passed", "failed", "unknown"]).describe("unknown: could not be checked"),
      code: z.string().describe("Stable, e.g. verified, signature_invalid, key_unavailable, revoked, expired"),
      message: z.string().describe("What was found, in English, long identifiers shortened"),
      detail: z.string().optional().describe("The same sentence with every identifier whole, when it differs"),
      warnings: z
        .array(z.object({ code: z.string().describe("e.g. legacy_cryptosuite, legacy_proof_suite"), message: z.string() }))
        .optional()
        .describe("What a passing check accepted that the standard no longer asks for"),
    }),
  ),
  error: z.object({ code: z.string(), message: z.string() }).optional().describe("Why the input could not be read (unreadable), or fetched (indeterminate, no checks)"),
  credential: z.record(z.string(), z.unknown()).optional().describe("What was checked"),
  fetched: z.array(z.object({ url: z.string(), ok: z.boolean() })).describe("Every document fetched, or tried, while checking"),
});
