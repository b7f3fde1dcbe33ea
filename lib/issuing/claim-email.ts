import { z } from "zod";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/mailer";
import { claimEmail, revokedEmail } from "@/lib/email/templates";
import { defineJob } from "@/lib/jobs/define";
import { publicUrls } from "./urls";

/** Sends the recipient the branded email with their badge and a link to view and claim it. */
export async function sendClaimEmail(credentialId: string): Promise<"sent" | "stored" | "failed" | "skipped"> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    include: {
      achievement: { select: { id: true, name: true, version: true, imagePng: true } },
      organization: { select: { name: true, primaryColor: true, logo: true } },
    },
  });
  if (!credential || credential.revokedAt) return "skipped";
  const recipient = await db.user.findFirst({ where: { emails: { some: { email: credential.recipientEmail } } }, select: { locale: true } });
  const result = await sendEmail(
    claimEmail({
      to: credential.recipientEmail,
      locale: recipient?.locale,
      organization: { name: credential.organization.name, color: credential.organization.primaryColor, logo: credential.organization.logo },
      recipientName: credential.recipientName,
      achievementName: credential.achievement.name,
      message: credential.message,
      imageUrl: credential.achievement.imagePng ? publicUrls.achievementImage(credential.achievement.id, credential.achievementVersion) : undefined,
      url: publicUrls.credential(credential.id),
    }),
  );
  if (result.status !== "failed") {
    await db.$transaction([
      db.credential.update({ where: { id: credential.id }, data: { emailedAt: new Date() } }),
      db.credentialEvent.create({
        data: { organizationId: credential.organizationId, credentialId: credential.id, type: "emailed", data: { to: credential.recipientEmail } },
      }),
    ]);
  }
  if (result.status === "failed") throw new Error(`The claim email to credential ${credential.id} could not be sent`);
  return result.status;
}

export const claimEmailJob = defineJob({
  name: "credential.claim-email",
  description: "Email a recipient their new credential",
  schema: z.object({ credentialId: z.string().min(1) }),
  handler: async ({ credentialId }) => ({ status: await sendClaimEmail(credentialId) }),
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  concurrency: 4,
  pollingIntervalSeconds: 1,
});

/** Tells the recipient their credential was revoked (the reason stays with the issuer). */
export async function sendRevokedEmail(credentialId: string): Promise<"sent" | "stored" | "skipped"> {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    include: { achievement: { select: { name: true } }, organization: { select: { name: true, primaryColor: true, logo: true } } },
  });
  if (!credential?.revokedAt) return "skipped";
  const recipient = await db.user.findFirst({ where: { emails: { some: { email: credential.recipientEmail } } }, select: { locale: true } });
  const result = await sendEmail(
    revokedEmail({
      to: credential.recipientEmail,
      locale: recipient?.locale,
      organization: { name: credential.organization.name, color: credential.organization.primaryColor, logo: credential.organization.logo },
      achievementName: credential.achievement.name,
      url: publicUrls.credential(credential.id),
    }),
  );
  if (result.status === "failed") throw new Error(`The revocation email for credential ${credential.id} could not be sent`);
  return result.status;
}

export const revokedEmailJob = defineJob({
  name: "credential.revoked-email",
  description: "Tell a recipient their credential was revoked",
  schema: z.object({ credentialId: z.string().min(1) }),
  handler: async ({ credentialId }) => ({ status: await sendRevokedEmail(credentialId) }),
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  pollingIntervalSeconds: 2,
});
