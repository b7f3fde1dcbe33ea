import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { sendEmail, type EmailMessage } from "@/lib/email/mailer";
import { organizationMailSender } from "@/lib/email/sender/sender";
import { DAY_MS, ONE_STEP_AWAY_EVERY_DAYS, type EngagementKind } from "./kinds";
import { oneClickUnsubscribeUrl, trackedUrl, unsubscribePageUrl } from "./urls";

export type Occasion = {
  organizationId: string;
  kind: EngagementKind;
  email: string;
  /** What makes this email once-only within its kind (the credential and step, the award, …). */
  key: string;
  credentialId?: string;
  programId?: string;
};

/** What the message builder is handed: its links, each recorded when followed, and the way out. */
export type EmailLinks = { track: (url: string) => string; unsubscribeUrl: string };

export type SendOutcome = "sent" | "duplicate" | "unsubscribed" | "failed";

/** Whether this address asked this organization to stop this kind of email. */
export async function isUnsubscribed(organizationId: string, email: string, kind: EngagementKind): Promise<boolean> {
  return (await db.emailUnsubscribe.count({ where: { organizationId, email: email.trim().toLowerCase(), kind } })) > 0;
}

/**
 * Sends one engagement email at most once. The occasion's row is claimed first (its key is
 * unique per kind), so a second scheduler run, or a second worker running the same one, finds
 * it taken and sends nothing. "One step away" also takes a lock per learner and program to keep
 * its once-a-week promise under concurrency. A delivery that fails gives the row back, so the
 * next run tries again.
 */
export async function sendOnce(occasion: Occasion, build: (links: EmailLinks) => EmailMessage, now: Date): Promise<SendOutcome> {
  const email = occasion.email.trim().toLowerCase();
  if (await isUnsubscribed(occasion.organizationId, email, occasion.kind)) return "unsubscribed";
  const id = await db.$transaction(async (tx) => {
    if (occasion.kind === "one_step_away" && occasion.programId) {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`one_step_away:${occasion.programId}:${email}`}))`;
      const recent = await tx.engagementEmail.count({
        where: { programId: occasion.programId, email, kind: "one_step_away", sentAt: { gt: new Date(now.getTime() - ONE_STEP_AWAY_EVERY_DAYS * DAY_MS) } },
      });
      if (recent > 0) return null;
    }
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "EngagementEmail" ("id", "organizationId", "kind", "email", "key", "credentialId", "programId", "status", "sentAt")
      VALUES (${newId()}, ${occasion.organizationId}, ${occasion.kind}, ${email}, ${occasion.key}, ${occasion.credentialId ?? null}, ${occasion.programId ?? null}, 'sending', ${now})
      ON CONFLICT ("kind", "key") DO NOTHING
      RETURNING "id"`;
    return rows[0]?.id ?? null;
  });
  if (!id) return "duplicate";
  const subscription = { organizationId: occasion.organizationId, email, kind: occasion.kind };
  const message = build({ track: (url) => trackedUrl(id, url), unsubscribeUrl: unsubscribePageUrl(subscription) });
  const result = await sendEmail(
    {
      ...(await organizationMailSender(occasion.organizationId)),
      ...message,
      // RFC 8058: a mail client offers its own "Unsubscribe" and posts to this URL in one click.
      headers: { "List-Unsubscribe": `<${oneClickUnsubscribeUrl(subscription)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    },
    { onDelivered: async (tx) => void (await tx.engagementEmail.update({ where: { id }, data: { status: "sent" } })) },
  );
  if (result.status === "failed") {
    await db.engagementEmail.delete({ where: { id } });
    log.warn({ kind: occasion.kind, key: occasion.key }, "engagement email not delivered; the next run tries again");
    return "failed";
  }
  return "sent";
}

// Row ids look like Prisma's cuids, so links built from them pass the id format check.
function newId(): string {
  const random = crypto.getRandomValues(new Uint8Array(16));
  return `c${Date.now().toString(36)}${[...random].map((b) => (b % 36).toString(36)).join("")}`.slice(0, 30);
}
