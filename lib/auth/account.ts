import type { z } from "zod";
import { revalidatePublicPages } from "@/lib/public/cache";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { sendEmail } from "@/lib/email/mailer";
import { passwordResetEmail, verifyEmailEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { AppError, fieldError } from "@/lib/errors";
import { hashPassword } from "./password";
import { hitRateLimit, LIMITS } from "./rate-limit";
import type { profileSchema, signUpSchema } from "./schemas";
import { hashToken, newToken } from "./tokens";

const RESET_TTL_MS = 60 * 60 * 1000;
const VERIFY_TTL_MS = 48 * 60 * 60 * 1000;
const VERIFY_PREFIX = "verify-email:";

async function limitEmailLinks(email: string) {
  const { limit, windowSeconds } = LIMITS.emailLinksPerAddress;
  const result = await hitRateLimit(`email-link:${email}`, limit, windowSeconds);
  return result.allowed;
}

/** Creates an account with a password and sends a link to verify the address. */
export async function signUp(input: z.infer<typeof signUpSchema>, context: { ip: string; locale?: string }) {
  const perIp = await hitRateLimit(`sign-up:ip:${context.ip}`, LIMITS.signUpPerIp.limit, LIMITS.signUpPerIp.windowSeconds);
  if (!perIp.allowed) throw new AppError("rate_limited", "Too many sign-ups from this network", undefined, { minutes: Math.ceil(perIp.retryAfterSeconds / 60) });

  const taken = await db.userEmail.findUnique({ where: { email: input.email }, select: { id: true } });
  if (taken) throw fieldError("email", "email_registered");
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: {
        name: input.name,
        email: input.email,
        passwordHash,
        locale: context.locale,
        emails: { create: { email: input.email } },
      },
      select: { id: true, email: true },
    });
    await sendVerification(user.id, input.email, context.locale);
    return user;
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("email", "email_registered");
    throw error;
  }
}

/** Emails a link proving the person owns `email` (one of their addresses). */
export async function sendVerification(userId: string, email: string, locale?: string | null) {
  if (!(await limitEmailLinks(email))) throw new AppError("rate_limited", "Too many emails to this address; try again later", undefined, { minutes: 60 });
  const { token, tokenHash } = newToken();
  await db.verificationToken.create({
    data: { identifier: `${VERIFY_PREFIX}${userId}:${email}`, token: tokenHash, expires: new Date(Date.now() + VERIFY_TTL_MS) },
  });
  await sendEmail(verifyEmailEmail({ to: email, url: `${env().BASE_URL}/verify-email?token=${token}`, locale }));
}

/** Marks the address in a verification link as verified. Returns it, or null if the link is invalid or used. */
export async function verifyEmailToken(token: string): Promise<string | null> {
  const tokenHash = hashToken(token);
  return db.$transaction(async (tx) => {
    const row = await tx.verificationToken.findUnique({ where: { token: tokenHash } });
    if (!row || !row.identifier.startsWith(VERIFY_PREFIX) || row.expires < new Date()) return null;
    await tx.verificationToken.delete({ where: { token: tokenHash } });
    const [userId, ...rest] = row.identifier.slice(VERIFY_PREFIX.length).split(":");
    const email = rest.join(":");
    const now = new Date();
    const updated = await tx.userEmail.updateMany({ where: { userId, email }, data: { verifiedAt: now } });
    if (updated.count === 0) return null;
    await tx.user.updateMany({ where: { id: userId, email, emailVerified: null }, data: { emailVerified: now } });
    return email;
  });
}

/**
 * Sends a reset link when the address has an account. Answers the same either way so the
 * form does not tell strangers who has an account.
 */
export async function requestPasswordReset(email: string, locale?: string | null): Promise<void> {
  if (!(await limitEmailLinks(email))) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, locale: true } });
  if (!user) return;
  const { token, tokenHash } = newToken();
  await db.passwordResetToken.create({ data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_TTL_MS) } });
  await sendEmail(passwordResetEmail({ to: email, url: `${env().BASE_URL}/reset-password/${token}`, locale: user.locale ?? locale }));
}

/** Sets a new password from a reset link; the link works once and other links stop working. */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const reset = await tx.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!reset || reset.usedAt || reset.expiresAt < new Date()) {
      throw new AppError("gone", "This reset link has expired or was already used", { token: { code: "reset_link_invalid" } });
    }
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count === 0) throw new AppError("gone", "This reset link was already used", { token: { code: "reset_link_invalid" } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await tx.passwordResetToken.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } });
  });
}

export async function updateProfile(userId: string, input: z.infer<typeof profileSchema>) {
  try {
    const before = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { handle: true } });
    const updated = await db.user.update({
      where: { id: userId },
      data: { name: input.name, handle: input.handle, locale: input.locale },
      select: { id: true, name: true, handle: true, locale: true },
    });
    // The public profile shows the name and lives at the handle: both cached copies go.
    revalidatePublicPages.profile(before.handle);
    revalidatePublicPages.profile(updated.handle);
    return updated;
  } catch (error) {
    if (isUniqueViolation(error, "handle")) throw fieldError("handle", "handle_taken");
    throw error;
  }
}

/** Adds another address to the account (unverified until its link is clicked). */
export async function addEmail(userId: string, email: string, locale?: string | null) {
  const existing = await db.userEmail.findUnique({ where: { email }, select: { userId: true } });
  if (existing) throw fieldError("email", existing.userId === userId ? "email_already_yours" : "email_registered");
  try {
    await db.userEmail.create({ data: { userId, email } });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError("email", "email_registered");
    throw error;
  }
  await sendVerification(userId, email, locale);
}

export function listEmails(userId: string) {
  return db.userEmail.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, email: true, verifiedAt: true } });
}
