import { z } from "zod";
import { safeText } from "@/lib/text";
import { ROLES } from "@/lib/auth/roles";

/** Slugs that would shadow Laurel's own routes or confuse people. */
const RESERVED_SLUGS = new Set([
  "new", "api", "admin", "dashboard", "settings", "billing", "app", "www", "laurel", "help", "support",
  "sign-in", "sign-up", "backpack", "static", "assets",
]);

export const slugSchema = safeText()
  .trim()
  .toLowerCase()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug_format")
  .refine((slug) => !RESERVED_SLUGS.has(slug), "slug_reserved");

const hexColor = safeText().trim().regex(/^#[0-9a-fA-F]{6}$/, "color_format");

const optionalUrl = safeText()
  .trim()
  .max(300)
  .transform((v) => (v === "" ? null : v))
  .pipe(z.url({ protocol: /^https?$/ }).nullable());

/**
 * A LinkedIn company page id: the number in the page's admin address
 * (linkedin.com/company/12345/admin). The address itself is accepted too; a vanity name
 * (linkedin.com/company/acme) is not, since LinkedIn's add-to-profile form takes only the number.
 */
export const linkedinOrganizationIdSchema = safeText()
  .trim()
  .max(300)
  .transform((value) => value.match(/^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/company\/(\d+)(?:[/?#].*)?$/i)?.[1] ?? value)
  .refine((value) => value === "" || /^\d{1,20}$/.test(value), "linkedin_company_id")
  .transform((value) => (value === "" ? null : value));

export const createOrganizationSchema = z.object({
  name: safeText().trim().min(2).max(100),
  slug: slugSchema,
});

export const updateOrganizationSchema = z.object({
  name: safeText().trim().min(2).max(100),
  slug: slugSchema,
  website: optionalUrl,
  description: safeText().trim().max(500).transform((v) => (v === "" ? null : v)),
  primaryColor: hexColor,
  secondaryColor: hexColor,
  linkedinOrganizationId: linkedinOrganizationIdSchema.optional(),
  logo: z.instanceof(File).optional(),
  removeLogo: z.enum(["on"]).optional(),
});

export const roleSchema = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);

export const inviteMemberSchema = z.object({
  email: safeText().trim().toLowerCase().pipe(z.email()),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ membershipId: safeText().min(1).max(100), role: roleSchema });
export const membershipIdSchema = z.object({ membershipId: safeText().min(1).max(100) });
export const invitationIdSchema = z.object({ invitationId: safeText().min(1).max(100) });
