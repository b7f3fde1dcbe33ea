import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import { revalidatePublicPages } from "@/lib/public/cache";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { sendEmail } from "@/lib/email/mailer";
import { confirmSignUpEmail, passwordResetEmail, signUpAttemptEmail, verifyEmailEmail } from "@/lib/email/templates";
import { env } from "@/lib/env";
import { AppError, fieldError } from "@/lib/errors";
import { provenOwnerOf, recordProvenAddress, releaseUnproven, VERIFY_PREFIX } from "./addresses";
import { safeCallbackUrl } from "./callback-url";
import { hashPassword, verifyPassword } from "./password";
import { hitRateLimit, LIMITS } from "./rate-limit";
import type { profileSchema, signUpSchema } from "./schemas";
import { hashToken, newToken } from "./tokens";
import type { Locale } from "@/lib/i18n/config";

const RESET_TTL_MS = 60 * 60 * 1000;
const SIGN_UP_TTL_MS = 48 * 60 * 60 * 1000;
/** An address added on /account waits this long for its link, then it is gone. */
export const ADDRESS_TTL_MS = 7 * 24 * 60 * 60 * 1000;

async function limitEmailLinks(email: string) {
  const { limit, windowSeconds } = LIMITS.emailLinksPerAddress;
  const result = await hitRateLimit(`email-link:${email}`, limit, windowSeconds);
  return result.allowed;
}

const tooManyLinks = () => new AppError("rate_limited", "Too many emails to this address; try again later", undefined, { minutes: 60 });

/**
 * Starts a sign-up: the account is created only when the link emailed to the address is
 * opened, so typing someone else's address reserves nothing. The answer is the same whether
 * the address has an account or not; when it has one, its owner gets an email saying so (how
 * to sign in or reset the password) instead of a link.
 */
export async function signUp(
  input: z.infer<typeof signUpSchema>,
  context: { ip: string; locale?: string; callbackUrl?: string },
): Promise<{ email: string }> {
  const perIp = await hitRateLimit(`sign-up:ip:${context.ip}`, LIMITS.signUpPerIp.limit, LIMITS.signUpPerIp.windowSeconds);
  if (!perIp.allowed) throw new AppError("rate_limited", "Too many sign-ups from this network", undefined, { minutes: Math.ceil(perIp.retryAfterSeconds / 60) });
  if (!(await limitEmailLinks(input.email))) throw tooManyLinks();

  // Hashed either way, so both answers take the same time.
  const passwordHash = await hashPassword(input.password);
  const base = env().BASE_URL;
  const ownerId = await provenOwnerOf(db, input.email);
  if (ownerId) {
    const owner = await db.user.findUnique({ where: { id: ownerId }, select: { locale: true } });
    await sendEmail(
      signUpAttemptEmail({
        to: input.email,
        url: `${base}/sign-in?email=${encodeURIComponent(input.email)}`,
        resetUrl: `${base}/forgot-password`,
        locale: owner?.locale ?? context.locale,
      }),
    );
    return { email: input.email };
  }

  await db.pendingSignUp.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  const { token, tokenHash } = newToken();
  await db.pendingSignUp.create({
    data: { email: input.email, name: input.name, passwordHash, locale: context.locale, tokenHash, expiresAt: new Date(Date.now() + SIGN_UP_TTL_MS) },
  });
  await sendEmail(confirmSignUpEmail({ to: input.email, url: verificationUrl(token, context.callbackUrl), locale: context.locale }));
  return { email: input.email };
}

function verificationUrl(token: string, callbackUrl?: string): string {
  const query = new URLSearchParams({ token });
  const next = callbackUrl ? safeCallbackUrl(callbackUrl) : "/dashboard";
  if (next !== "/dashboard") query.set("callbackUrl", next);
  return `${env().BASE_URL}/verify-email?${query}`;
}

/** Emails a link proving the person owns `email` (an address added on /account, or an older account's own). */
export async function sendVerification(userId: string, email: string, locale?: string | null) {
  if (!(await limitEmailLinks(email))) throw tooManyLinks();
  const { token, tokenHash } = newToken();
  await db.verificationToken.create({
    data: { identifier: `${VERIFY_PREFIX}${userId}:${email}`, token: tokenHash, expires: new Date(Date.now() + ADDRESS_TTL_MS) },
  });
  await sendEmail(verifyEmailEmail({ to: email, url: verificationUrl(token), locale }));
}

export type VerificationOutcome =
  /** A sign-up link: the account now exists, with this proven address; `signInUrl` signs it in once. */
  | { kind: "account_created"; email: string; signInUrl: string }
  /** An address link: the address is now proven, on the account that asked. */
  | { kind: "address_verified"; email: string }
  /** The inbox is proven, but another account had already proven the address. */
  | { kind: "address_taken"; email: string }
  | { kind: "invalid" };

/**
 * Opens a link from a sign-up or verification email. Proving the inbox takes the address from
 * whoever held it unproven; it never joins their account.
 */
export async function verifyEmailToken(token: string, options: { callbackUrl?: string } = {}): Promise<VerificationOutcome> {
  const tokenHash = hashToken(token);
  const signUp = await completeSignUp(tokenHash);
  if (signUp?.kind === "account_created") return { ...signUp, signInUrl: await oneTimeSignInUrl(signUp.email, options.callbackUrl) };
  if (signUp) return signUp;
  return db.$transaction(async (tx) => {
    const row = await tx.verificationToken.findUnique({ where: { token: tokenHash } });
    if (!row || !row.identifier.startsWith(VERIFY_PREFIX)) return { kind: "invalid" } as const;
    await tx.verificationToken.delete({ where: { token: tokenHash } });
    if (row.expires < new Date()) return { kind: "invalid" } as const;
    const [userId, ...rest] = row.identifier.slice(VERIFY_PREFIX.length).split(":");
    const email = rest.join(":");
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
    if (!user) return { kind: "invalid" } as const;
    const owner = await provenOwnerOf(tx, email);
    if (owner && owner !== userId) return { kind: "address_taken", email } as const;
    await recordProvenAddress(tx, userId, email);
    // Other links for the same address are spent too.
    await tx.verificationToken.deleteMany({ where: { identifier: row.identifier } });
    return { kind: "address_verified", email } as const;
  });
}

/**
 * The person who just proved their inbox by opening a sign-up link is signed in by it: a
 * one-time next-auth email sign-in link (the magic link's own token, five minutes, for the
 * account that now owns the address), so opening the email lands them signed in.
 */
async function oneTimeSignInUrl(email: string, callbackUrl?: string): Promise<string> {
  const token = randomBytes(32).toString("hex");
  // next-auth stores sha256(token + secret) (next-auth/core/lib/utils hashToken).
  const stored = createHash("sha256").update(`${token}${env().NEXTAUTH_SECRET}`).digest("hex");
  await db.verificationToken.create({ data: { identifier: email, token: stored, expires: new Date(Date.now() + 5 * 60 * 1000) } });
  const base = env().BASE_URL;
  const query = new URLSearchParams({ callbackUrl: `${base}${safeCallbackUrl(callbackUrl)}`, token, email });
  return `${base}/api/auth/callback/email?${query}`;
}

type SignUpOutcome = Exclude<VerificationOutcome, { kind: "account_created" }> | { kind: "account_created"; email: string };

async function completeSignUp(tokenHash: string): Promise<SignUpOutcome | null> {
  try {
    return await db.$transaction(async (tx) => {
      const pending = await tx.pendingSignUp.findUnique({ where: { tokenHash }, omit: { passwordHash: false } });
      if (!pending) return null;
      // One proven inbox settles every sign-up waiting for that address.
      await tx.pendingSignUp.deleteMany({ where: { email: pending.email } });
      if (pending.expiresAt < new Date()) return { kind: "invalid" } as const;
      if (await provenOwnerOf(tx, pending.email)) return { kind: "address_taken", email: pending.email } as const;
      await releaseUnproven(tx, pending.email);
      const now = new Date();
      await tx.user.create({
        data: {
          name: pending.name,
          email: pending.email,
          passwordHash: pending.passwordHash,
          locale: pending.locale,
          emailVerified: now,
          emails: { create: { email: pending.email, verifiedAt: now } },
        },
      });
      return { kind: "account_created", email: pending.email } as const;
    });
  } catch (error) {
    // Two links for one address opened at once: the other one created the account.
    if (isUniqueViolation(error)) return { kind: "invalid" };
    throw error;
  }
}

/**
 * Sends a new link to someone whose password is right but whose address is not proven yet (a
 * sign-up waiting for its link, or an older account). Answers the same in every case.
 */
export async function resendSignUpLink(input: { email: string; password: string }, locale?: string | null): Promise<void> {
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, locale: true, emailVerified: true, passwordHash: true } });
  if (user) {
    if (!user.passwordHash || user.emailVerified || !(await verifyPassword(input.password, user.passwordHash))) return;
    if (await provenOwnerOf(db, input.email)) return;
    await sendVerification(user.id, input.email, user.locale ?? locale);
    return;
  }
  const pending = await db.pendingSignUp.findFirst({
    where: { email: input.email, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    omit: { passwordHash: false },
  });
  if (!pending || !(await verifyPassword(input.password, pending.passwordHash))) return;
  if (!(await limitEmailLinks(input.email))) throw tooManyLinks();
  const { token, tokenHash } = newToken();
  await db.pendingSignUp.update({ where: { id: pending.id }, data: { tokenHash, expiresAt: new Date(Date.now() + SIGN_UP_TTL_MS) } });
  await sendEmail(confirmSignUpEmail({ to: input.email, url: verificationUrl(token), locale: pending.locale ?? locale }));
}

/**
 * Sends a reset link when the address has an account. Answers the same either way so the
 * form does not tell strangers who has an account.
 */
export async function requestPasswordReset(email: string, locale?: string | null): Promise<void> {
  if (!(await limitEmailLinks(email))) return;
  // Only an account that proved the address: a reset link must not hand someone the account
  // another person opened with their address.
  const ownerId = await provenOwnerOf(db, email);
  const user = ownerId ? await db.user.findUnique({ where: { id: ownerId }, select: { id: true, locale: true } }) : null;
  if (!user) return;
  const { token, tokenHash } = newToken();
  await db.passwordResetToken.create({ data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_TTL_MS) } });
  await sendEmail(passwordResetEmail({ to: email, url: `${env().BASE_URL}/reset-password/${token}`, locale: user.locale ?? locale }));
}

/**
 * Sets a new password from a reset link; the link works once and other links stop working.
 * Every session signed in before ends (whoever knew the old password is out).
 */
export async function resetPassword(token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const reset = await tx.passwordResetToken.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!reset || reset.usedAt || reset.expiresAt < new Date()) {
      throw new AppError("gone", "This reset link has expired or was already used", { token: { code: "reset_link_invalid" } });
    }
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count === 0) throw new AppError("gone", "This reset link was already used", { token: { code: "reset_link_invalid" } });
    await tx.user.update({ where: { id: reset.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await tx.passwordResetToken.updateMany({ where: { userId: reset.userId, usedAt: null }, data: { usedAt: new Date() } });
  });
}

/** Ends every session of the account, this one included ("sign out everywhere"). */
export async function signOutEverywhere(userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The language the person chose with a switcher: their interface and their emails follow it. */
export async function setPreferredLocale(userId: string, locale: Locale) {
  await db.user.update({ where: { id: userId }, data: { locale } });
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

/**
 * Adds another address to the account: only a link is sent; the address is the account's once
 * the link is opened, and an unopened link expires after 7 days. The answer is the same
 * whether someone else has the address or not.
 */
export async function addEmail(userId: string, email: string, locale?: string | null) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const owner = await provenOwnerOf(db, email);
  if (owner === userId) throw fieldError("email", "email_already_yours");
  await sendVerification(userId, email, locale);
  return { email, primary: user.email === email };
}

export type AccountAddress = { email: string; verified: boolean; primary: boolean; expiresAt: Date | null };

/**
 * The account's addresses: proven ones, then those waiting for their link (until it expires).
 * Unproven rows older accounts still have expire the same way.
 */
export async function listEmails(userId: string): Promise<AccountAddress[]> {
  const now = new Date();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, emailVerified: true } });
  await db.userEmail.deleteMany({
    where: { userId, verifiedAt: null, email: { not: user.email }, createdAt: { lt: new Date(now.getTime() - ADDRESS_TTL_MS) } },
  });
  const [rows, links] = await Promise.all([
    db.userEmail.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { email: true, verifiedAt: true, createdAt: true } }),
    db.verificationToken.findMany({
      where: { identifier: { startsWith: `${VERIFY_PREFIX}${userId}:` }, expires: { gt: now } },
      select: { identifier: true, expires: true },
    }),
  ]);
  const addresses = new Map<string, AccountAddress>();
  const add = (email: string, verified: boolean, expiresAt: Date | null) => {
    const known = addresses.get(email);
    if (known?.verified) return;
    if (known && known.expiresAt && expiresAt && known.expiresAt > expiresAt) return;
    addresses.set(email, { email, verified, primary: email === user.email, expiresAt });
  };
  add(user.email, Boolean(user.emailVerified), null);
  for (const row of rows) {
    add(row.email, row.verifiedAt !== null, row.verifiedAt ? null : new Date(row.createdAt.getTime() + ADDRESS_TTL_MS));
  }
  for (const link of links) add(link.identifier.slice(VERIFY_PREFIX.length + userId.length + 1), false, link.expires);
  return [...addresses.values()].filter((address) => !address.email.endsWith("@laurel.invalid"));
}

/** Removes an address that is not proven yet (its links stop working); the primary address stays. */
export async function removePendingEmail(userId: string, email: string): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (user.email === email) throw new AppError("forbidden", "The primary address cannot be removed");
  await db.$transaction([
    db.verificationToken.deleteMany({ where: { identifier: `${VERIFY_PREFIX}${userId}:${email}` } }),
    db.userEmail.deleteMany({ where: { userId, email, verifiedAt: null } }),
  ]);
}
