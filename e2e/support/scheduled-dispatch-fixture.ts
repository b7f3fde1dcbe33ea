// The scheduled-issue dispatcher on a fake clock: `<orgSlug> <secondsFromSendAt>` runs one
// dispatch with the clock set that far from the organization's next scheduled issue's time
// (negative: before it). The dispatcher signs with the app's own keys (its secrets are passed
// in), and the award email it queues is sent by the app's workers through the test SMTP server.
// Prints `{"sendAt": ISO, "sent": n, "failed": n}`. Run by e2e/issuer-mail.spec.ts with tsx.
export {};
Object.assign(process.env, JSON.parse(process.env.LAUREL_E2E_APP_SECRETS ?? "{}"));

const { closeDb, db } = await import("@/lib/db");
const { stopQueue } = await import("@/lib/jobs");
const { dispatchDueScheduledIssues } = await import("@/lib/issuing/scheduled/dispatch");

const [slug, offset] = process.argv.slice(2);
if (!slug || offset === undefined || !Number.isFinite(Number(offset))) throw new Error("Usage: scheduled-dispatch-fixture.ts <orgSlug> <secondsFromSendAt>");

const next = await db.scheduledIssue.findFirst({
  where: { organization: { slug }, status: { in: ["scheduled", "sent", "failed"] } },
  orderBy: { createdAt: "desc" },
  select: { sendAt: true },
});
if (!next) throw new Error(`${slug} has nothing scheduled.`);
const at = new Date(next.sendAt.getTime() + Number(offset) * 1000);
const result = await dispatchDueScheduledIssues({ now: () => at });
await stopQueue();
process.stdout.write(`${JSON.stringify({ sendAt: next.sendAt.toISOString(), ...result })}\n`);
await closeDb();
