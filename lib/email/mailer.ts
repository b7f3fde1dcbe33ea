import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export type EmailMessage = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Laurel's EMAIL_FROM when unset; an organization's mail names it (lib/email/sender). */
  from?: string | { name: string; address: string };
  replyTo?: string;
  /** Signs the message for an organization's own domain (nodemailer's DKIM options). */
  dkim?: { domainName: string; keySelector: string; privateKey: string };
  /** The envelope's MAIL FROM, where bounces go; the From address when unset. */
  envelopeFrom?: string;
  /** Extra headers (List-Unsubscribe on engagement emails); not kept in the outbox. */
  headers?: Record<string, string>;
};
export type SendResult = { id: string; status: "sent" | "stored" | "failed" };
export type SendOptions = {
  /**
   * Runs in the transaction that records the delivery (the outbox row): what the caller marks as
   * sent commits with it, so a retry can tell a message already delivered.
   */
  onDelivered?: (tx: Prisma.TransactionClient) => Promise<void>;
};

const globalForMail = globalThis as unknown as { laurelMailTransport?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  if (globalForMail.laurelMailTransport?.url !== url) {
    globalForMail.laurelMailTransport = { url, transport: nodemailer.createTransport(url) };
  }
  return globalForMail.laurelMailTransport.transport;
}

/**
 * The one way Laurel sends email. Over SMTP when SMTP_URL is set; otherwise the message is
 * kept in the outbox table, where the dev mailbox page shows it. Either way it is recorded.
 */
export async function sendEmail(message: EmailMessage, options: SendOptions = {}): Promise<SendResult> {
  const { SMTP_URL, EMAIL_FROM } = env();
  const record = { to: message.to, subject: message.subject, html: message.html, text: message.text };
  const recordDelivery = (status: "stored" | "sent") =>
    db.$transaction(async (tx) => {
      const row = await tx.outboxEmail.create({ data: { ...record, status } });
      await options.onDelivered?.(tx);
      return row;
    });
  if (!SMTP_URL) {
    const stored = await recordDelivery("stored");
    log.info({ to: message.to, subject: message.subject }, "email stored in the outbox (no SMTP_URL)");
    return { id: stored.id, status: "stored" };
  }
  try {
    await transport(SMTP_URL).sendMail({
      ...record,
      from: message.from ?? EMAIL_FROM,
      replyTo: message.replyTo,
      headers: message.headers,
      dkim: message.dkim,
      envelope: message.envelopeFrom ? { from: message.envelopeFrom, to: message.to } : undefined,
    });
    const sent = await recordDelivery("sent");
    return { id: sent.id, status: "sent" };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error({ to: message.to, subject: message.subject, reason }, "email could not be sent");
    const failed = await db.outboxEmail.create({ data: { ...record, status: "failed", error: reason } });
    return { id: failed.id, status: "failed" };
  }
}
