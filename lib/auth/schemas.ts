import { z } from "zod";
import { safeText } from "@/lib/text";
import { locales } from "@/lib/i18n/config";

export const MIN_PASSWORD_LENGTH = 10;

export const emailSchema = safeText().trim().toLowerCase().max(254).pipe(z.email());
export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const signUpSchema = z.object({
  name: safeText().trim().min(1).max(100),
  email: emailSchema,
  password: newPasswordSchema,
});

export const requestPasswordResetSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token: z.string().min(20), password: newPasswordSchema });

/**
 * Handles that would read as one of Laurel's own paths or roles, or mislead a visitor
 * (/u/admin). Short path words (u, c, b, o, s) are listed even though handles need 3 letters.
 */
export const RESERVED_HANDLES = new Set([
  "admin", "administrator", "api", "dashboard", "backpack", "settings", "account", "accounts", "u", "c", "b", "o", "s",
  "login", "logout", "signin", "signout", "signup", "register", "auth", "invite", "docs", "dev", "help", "support",
  "about", "contact", "privacy", "terms", "legal", "security", "status", "static", "cached", "well-known", "www",
  "mail", "email", "root", "system", "laurel", "official", "staff", "moderator", "me", "new", "edit", "profile",
  "import", "export", "null", "undefined", "anonymous", "public", "private",
]);

/** A learner's public profile address, /u/{handle}. */
export const handleSchema = safeText()
  .trim()
  .toLowerCase()
  .min(3)
  .max(30)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "handle_format")
  .refine((handle) => !RESERVED_HANDLES.has(handle), "handle_reserved");

export const profileSchema = z.object({
  name: safeText().trim().min(1).max(100),
  handle: z.union([z.literal("").transform(() => null), handleSchema]),
  locale: z.enum(locales),
});

export const addEmailSchema = z.object({ email: emailSchema });
