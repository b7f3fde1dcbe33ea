import { z } from "zod";
import { safeText } from "@/lib/text";
import { billingSelect, entitlementsOf, type OrgBilling } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { sendEmail } from "@/lib/email/mailer";
import { organizationMailSender } from "@/lib/email/sender/sender";
import { claimEmail, revokedEmail } from "@/lib/email/templates";
import { defineJob } from "@/lib/jobs/define";
import { claimUrl } from "@/lib/backpack/claim-token";
import { credentialKind } from "./credential-kind";
import { publicUrls } from "./urls";

/** What both recipient emails need: the credential, the issuer's brand and the reader's language. */
async function emailContext(credentialId: string) {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    include: {
      // Not the image bytes: emails link to the versioned image URL.
      achievement: { select: { id: true, name: true, imageUrl: true, achievementType: true, awardEmailSubject: true, awardEmailBody: true } },
      organization: { select: { ...billingSelect, name: true, primaryColor: true, logo: true } },
    },
  });
  if (!credential) return null;
  const recipient = await db.user.findFirst({ where: { emails: { some: { email: credential.recipientEmail } } }, select: { locale: true } });
  const { organization } = credential;
  return {
    credential,
    locale: recipient?.locale,
    brand: brandOf(organization),
    url: publicUrls.credential(credential.id),
  };
}

/** The brand an organization's recipient emails carry (its own name in the signature on plans with own branding). */
export async function emailBrand(organizationId: string) {
  const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { ...billingSelect, name: true, primaryColor: true, logo: true } });
  return brandOf(organization);
}

function brandOf(organization: OrgBilling & { name: string; primaryColor: string; logo: string | null }) {
  return { name: organization.name, color: organization.primaryColor, logo: organization.logo, ownBranding: entitlementsOf(organization).features.includes("ownBranding") };
}

/**
 * Sends the recipient the branded email with their badge and a link to view and claim it. With
 * the queue job's id, an attempt that finds the email already delivered by an earlier attempt of
 * the same job (its process died before the queue heard back) sends nothing again; a resend is
 * another job, so it sends.
 */
export async function sendClaimEmail(credentialId: string, options: { jobId?: string } = {}): Promise<"sent" | "stored" | "failed" | "skipped"> {
  const context = await emailContext(credentialId);
  if (!context || context.credential.revokedAt) return "skipped";
  const { credential } = context;
  if (options.jobId) {
    const delivered = await db.credentialEvent.count({ where: { credentialId, type: "emailed", data: { path: ["jobId"], equals: options.jobId } } });
    if (delivered > 0) return "skipped";
  }
  const sender = await organizationMailSender(credential.organizationId);
  const result = await sendEmail(
    {
      ...sender,
      ...claimEmail({
        to: credential.recipientEmail,
        locale: context.locale,
        organization: context.brand,
        recipientName: credential.recipientName,
        achievementName: credential.achievement.name,
        message: credential.message,
        imageUrl: credential.achievement.imageUrl ?? publicUrls.achievementImage(credential.achievement.id, credential.achievementVersion),
        // The button opens the claim page; the footnote keeps the public, verifiable URL.
        url: context.url,
        claimUrl: claimUrl(credential.id, credential.recipientEmail),
        kind: credentialKind(credential.achievement.achievementType),
        custom: { subject: credential.achievement.awardEmailSubject, body: credential.achievement.awardEmailBody },
        issuedOn: credential.validFrom,
      }),
    },
    {
      // Marked in the transaction that records the delivery: never delivered without the mark.
      onDelivered: async (tx) => {
        await tx.credential.update({ where: { id: credential.id }, data: { emailedAt: new Date() } });
        await tx.credentialEvent.create({
          data: {
            organizationId: credential.organizationId,
            credentialId: credential.id,
            type: "emailed",
            data: options.jobId ? { to: credential.recipientEmail, jobId: options.jobId } : { to: credential.recipientEmail },
          },
        });
      },
    },
  );
  if (result.status === "failed") throw new Error(`The claim email to credential ${credential.id} could not be sent`);
  return result.status;
}

export const claimEmailJob = defineJob({
  name: "credential.claim-email",
  description: "Email a recipient their new credential",
  schema: z.object({ credentialId: safeText().min(1).max(100) }),
  handler: async ({ credentialId }, context) => ({ status: await sendClaimEmail(credentialId, { jobId: context.id }) }),
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  concurrency: 4,
  pollingIntervalSeconds: 1,
});

/** Tells the recipient their credential was revoked (the reason stays with the issuer). */
export async function sendRevokedEmail(credentialId: string): Promise<"sent" | "stored" | "skipped"> {
  const context = await emailContext(credentialId);
  if (!context?.credential.revokedAt) return "skipped";
  const result = await sendEmail({
    ...(await organizationMailSender(context.credential.organizationId)),
    ...revokedEmail({
      to: context.credential.recipientEmail,
      locale: context.locale,
      organization: context.brand,
      achievementName: context.credential.achievement.name,
      url: context.url,
    }),
  });
  if (result.status === "failed") throw new Error(`The revocation email for credential ${credentialId} could not be sent`);
  return result.status;
}

export const revokedEmailJob = defineJob({
  name: "credential.revoked-email",
  description: "Tell a recipient their credential was revoked",
  schema: z.object({ credentialId: safeText().min(1).max(100) }),
  handler: async ({ credentialId }) => ({ status: await sendRevokedEmail(credentialId) }),
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
  pollingIntervalSeconds: 2,
});
