import { db } from "@/lib/db";
import { readUnsubscribeToken, type Unsubscription } from "./tokens";

export type UnsubscribeView = Unsubscription & { organizationName: string; unsubscribed: boolean };

/** What an unsubscribe link names (for the confirm page), or null for a forged or altered one. */
export async function unsubscribeView(token: unknown): Promise<UnsubscribeView | null> {
  const subscription = readUnsubscribeToken(token);
  if (!subscription) return null;
  const organization = await db.organization.findUnique({ where: { id: subscription.organizationId }, select: { name: true } });
  if (!organization) return null;
  const unsubscribed = (await db.emailUnsubscribe.count({ where: subscription })) > 0;
  return { ...subscription, organizationName: organization.name, unsubscribed };
}

/** Stops one kind of email from one organization to one address; the others keep coming. Idempotent. */
export async function unsubscribe(token: unknown): Promise<Unsubscription | null> {
  const subscription = readUnsubscribeToken(token);
  if (!subscription) return null;
  if (!(await db.organization.count({ where: { id: subscription.organizationId } }))) return null;
  await db.emailUnsubscribe.upsert({
    where: { organizationId_email_kind: subscription },
    create: subscription,
    update: {},
  });
  return subscription;
}
