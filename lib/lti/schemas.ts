import { z } from "zod";
import { safeText } from "@/lib/text";

/**
 * The shapes of LTI registrations and award rules, shared by the REST API, the dashboard's form
 * and the tool page inside the platform, so none of them can drift from the others.
 */

export const MAX_DEPLOYMENTS = 50;
export const MAX_PLATFORMS_PER_ORGANIZATION = 20;

const url = safeText().trim().min(1).max(2000).pipe(z.url({ protocol: /^https?$/ }));

const deploymentList = z
  .array(safeText().trim().min(1).max(255))
  .min(1, { message: "deployment_required" })
  .max(MAX_DEPLOYMENTS)
  .transform((ids) => [...new Set(ids)]);

const platformFields = {
  issuer: url.describe("The platform's issuer: exactly the iss of its id_tokens, e.g. https://canvas.instructure.com"),
  clientId: safeText().trim().min(1).max(255).describe("The client id the platform gave Laurel (the aud of its id_tokens)"),
  authorizationUrl: url.describe("The platform's OIDC authorization endpoint (authentication request URL)"),
  tokenUrl: url.describe("The platform's OAuth 2.0 token endpoint (for grades and rosters)"),
  jwksUrl: url.describe("The platform's public keys (JWKS URL)"),
};

/** POST /api/v1/lti/platforms */
export const platformBodySchema = z.object({ ...platformFields, deploymentIds: deploymentList.describe("The deployment ids that may launch Laurel") }).strict();

/** The dashboard's form: the same, with deployment ids one a line (or separated by commas). */
export const platformInputSchema = z.object({
  ...platformFields,
  deploymentIds: z.preprocess((value) => (typeof value === "string" ? value.split(/[\n,]/).map((part) => part.trim()).filter(Boolean) : value), deploymentList),
});
export type PlatformInput = z.infer<typeof platformInputSchema>;

/** A registration as the API answers it: the tool's URLs for the platform's admin, and what was registered. */
export const platformResponseSchema = z.object({
  id: z.string(),
  loginUrl: z.string().describe("OIDC login initiation URL (third-party initiated login)"),
  launchUrl: z.string().describe("Launch URL: the redirect URI and the target link URI"),
  deepLinkUrl: z.string().describe("Deep linking URL: where instructors place a badge in a course"),
  jwksUrl: z.string().describe("The tool's public keys (JWKS), for the platform's admin"),
  configUrl: z.string().describe("The configuration JSON to paste (a Canvas developer key's JSON)"),
  platform: z.object({
    issuer: z.string(),
    clientId: z.string(),
    authorizationUrl: z.string(),
    tokenUrl: z.string(),
    jwksUrl: z.string(),
    deploymentIds: z.array(z.string()),
  }),
  createdAt: z.string(),
});
export const platformListResponseSchema = z.object({ data: z.array(platformResponseSchema) });

/** The instructor's rule: this assignment (an AGS line item), at least this percentage. */
export const awardRuleInputSchema = z.object({
  lineItem: safeText().trim().min(1).max(2000).pipe(z.url({ protocol: /^https?$/ })),
  minPercent: z
    .union([z.number(), safeText()])
    .transform((value) => (typeof value === "string" && value.trim() === "" ? Number.NaN : Number(value)))
    .refine((value) => Number.isFinite(value) && value >= 0 && value <= 100, { message: "lti_percent_range" }),
  /** The assignment's name as the platform lists it (shown on the roster and the learner's page). */
  lineItemLabel: safeText().trim().max(200).optional(),
});
export type AwardRuleInput = z.infer<typeof awardRuleInputSchema>;

/** The instructor's choice in the deep-linking picker. */
export const pickAchievementSchema = z.object({ achievementId: z.string().trim().min(1).max(64) });
