import { likeLiteral } from "@/lib/db/like";
import type { db } from "@/lib/db";

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
// The app's client and a transaction's differ only in which fields they omit by default.
type Reader = Tx | typeof db;

/**
 * Who owns an address: the account that proved it (a verified UserEmail, or a primary address
 * whose `emailVerified` is set). An address nobody has proven belongs to nobody: it reserves
 * nothing, and the first person to prove the inbox takes it (see releaseUnproven).
 */
export async function provenOwnerOf(reader: Reader, email: string): Promise<string | null> {
  const client = reader as Tx;
  const row = await client.userEmail.findUnique({ where: { email }, select: { userId: true, verifiedAt: true } });
  if (row?.verifiedAt) return row.userId;
  const primary = await client.user.findUnique({ where: { email }, select: { id: true, emailVerified: true } });
  return primary?.emailVerified ? primary.id : null;
}

/** Identifier prefix of the links that prove an address for an account (`verify-email:{userId}:{email}`). */
export const VERIFY_PREFIX = "verify-email:";

/** The address an account is left with when its only one is taken by the person who proved it. */
export const releasedAddress = (userId: string) => `released-${userId}@laurel.invalid`;

/**
 * Takes `email` away from every account that holds it without having proven it, for `claimant`
 * (who just did, or is about to be created for it). An account that had it as its primary
 * address moves to another proven address of its own, or to a placeholder that can receive no
 * mail; either way its sessions end (session version raised), so it keeps nothing tied to the
 * address. Call inside a transaction, after checking that no account has proven `email`.
 */
export async function releaseUnproven(tx: Tx, email: string, claimant?: string): Promise<void> {
  const others = claimant ? { not: claimant } : undefined;
  // Links others asked for, and sign-ups waiting for the address, can no longer take it.
  await tx.verificationToken.deleteMany({
    where: {
      identifier: { startsWith: VERIFY_PREFIX, endsWith: `:${likeLiteral(email)}` },
      ...(claimant ? { NOT: { identifier: `${VERIFY_PREFIX}${claimant}:${email}` } } : {}),
    },
  });
  await tx.pendingSignUp.deleteMany({ where: { email } });
  await tx.userEmail.deleteMany({ where: { email, verifiedAt: null, ...(others ? { userId: others } : {}) } });
  const holders = await tx.user.findMany({ where: { email, ...(others ? { id: others } : {}) }, select: { id: true } });
  for (const holder of holders) {
    const fallback = await tx.userEmail.findFirst({
      where: { userId: holder.id, verifiedAt: { not: null }, email: { not: email } },
      orderBy: { createdAt: "asc" },
      select: { email: true, verifiedAt: true },
    });
    await tx.user.update({
      where: { id: holder.id },
      data: {
        email: fallback?.email ?? releasedAddress(holder.id),
        emailVerified: fallback?.verifiedAt ?? null,
        sessionVersion: { increment: 1 },
      },
    });
  }
}

/** Records that `userId` proved `email` now: theirs from here on, taken from any unproven holder. */
export async function recordProvenAddress(tx: Tx, userId: string, email: string, now = new Date()): Promise<void> {
  await releaseUnproven(tx, email, userId);
  await tx.userEmail.upsert({ where: { email }, create: { userId, email, verifiedAt: now }, update: { userId, verifiedAt: now } });
  await tx.user.updateMany({ where: { id: userId, email, emailVerified: null }, data: { emailVerified: now } });
}
