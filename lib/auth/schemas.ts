import { z } from "zod";
import { locales } from "@/lib/i18n/config";

export const MIN_PASSWORD_LENGTH = 10;

export const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const newPasswordSchema = z.string().min(MIN_PASSWORD_LENGTH).max(200);

export const signUpSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: emailSchema,
  password: newPasswordSchema,
});

export const requestPasswordResetSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token: z.string().min(20), password: newPasswordSchema });

export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(30)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "handle_format");

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(100),
  handle: z.union([z.literal("").transform(() => null), handleSchema]),
  locale: z.enum(locales),
});

export const addEmailSchema = z.object({ email: emailSchema });
