import { db } from "@/lib/db";

/** The newest messages in the outbox, optionally for one address. */
export function listOutbox({ to, take = 50 }: { to?: string; take?: number } = {}) {
  return db.outboxEmail.findMany({
    where: to ? { to: to.trim().toLowerCase() } : undefined,
    orderBy: { createdAt: "desc" },
    take,
  });
}
