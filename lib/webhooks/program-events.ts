import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log as rootLog } from "@/lib/log";
import { emitWebhookEvent } from "./emit";

// Webhook events of engagement programs and bulk jobs, emitted once the change they report has
// committed. Each event's id is derived from what it reports, so emitting again records nothing
// twice; a failure to emit is logged and never undoes (or fails) the work itself.

const log = rootLog.child({ module: "webhooks" });

const programUrl = (programId: string) => `${env().BASE_URL}/p/${encodeURIComponent(programId)}`;
const digest = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 22);

async function safely(what: string, emit: () => Promise<unknown>): Promise<void> {
  try {
    await emit();
  } catch (err) {
    log.error({ err, what }, "webhook event not recorded");
  }
}

/** A learner joined a program from its page (the first time only). */
export async function emitProgramJoined(program: { id: string; organizationId: string; name: string }, learner: { email: string; name: string | null }, at: Date): Promise<void> {
  await safely("program.joined", () =>
    emitWebhookEvent(
      program.organizationId,
      "program.joined",
      { program: { id: program.id, name: program.name, url: programUrl(program.id) }, learner },
      { id: `msg_join_${digest(`${program.id}|${learner.email}`)}`, at },
    ),
  );
}

/**
 * The outcome of program awards: `program.level_reached` once an award is issued (or the learner
 * already held the badge), `award.pending_quota` once when it starts waiting for the quota.
 */
export async function emitAwardEvents(organizationId: string, awardIds: string[]): Promise<void> {
  if (awardIds.length === 0) return;
  await safely("program awards", async () => {
    // The issuing drain calls this for every group of awards: one query when nobody listens.
    const listening = await db.webhookEndpoint.count({
      where: { organizationId, enabled: true, events: { hasSome: ["program.level_reached", "award.pending_quota"] } },
    });
    if (listening === 0) return;
    const awards = await db.programAward.findMany({
      where: { id: { in: awardIds }, organizationId, OR: [{ status: { in: ["issued", "held"] } }, { status: "waiting", waitingReason: "quota" }] },
      select: { id: true, organizationId: true, programId: true, ruleId: true, achievementId: true, email: true, name: true, status: true, credentialId: true, issuedAt: true },
    });
    // An award still waiting is seen again by every periodic retry: its event is recorded once.
    const eventIdOf = (award: (typeof awards)[number]) => (award.status === "waiting" ? `msg_quota_${award.id}` : `msg_award_${award.id}`);
    const recorded = new Set(
      (await db.webhookEvent.findMany({ where: { id: { in: awards.map(eventIdOf) } }, select: { id: true } })).map((event) => event.id),
    );
    const fresh = awards.filter((award) => !recorded.has(eventIdOf(award)));
    if (fresh.length === 0) return;
    const programs = new Map(
      (await db.program.findMany({ where: { id: { in: [...new Set(fresh.map((a) => a.programId))] } }, select: { id: true, name: true } })).map((p) => [p.id, p]),
    );
    for (const award of fresh) {
      const program = { id: award.programId, name: programs.get(award.programId)?.name ?? "", url: programUrl(award.programId) };
      const learner = { email: award.email, name: award.name };
      if (award.status === "waiting") {
        await emitWebhookEvent(award.organizationId, "award.pending_quota", { program, learner, award: { id: award.id, ruleId: award.ruleId, achievementId: award.achievementId } }, { id: eventIdOf(award) });
      } else {
        await emitWebhookEvent(
          award.organizationId,
          "program.level_reached",
          { program, learner, award: { id: award.id, ruleId: award.ruleId, achievementId: award.achievementId, status: award.status as "issued" | "held", credentialId: award.credentialId } },
          { id: eventIdOf(award), ...(award.issuedAt && { at: award.issuedAt }) },
        );
      }
    }
  });
}

/** A bulk job ended (completed, or failed for good): its counts, as GET /api/v1/jobs/{id} answers. */
export async function emitBulkJobFinished(organizationId: string, jobId: string): Promise<void> {
  await safely("bulk_job.completed", async () => {
    const [{ getBulkJob }, { bulkJobResponse }] = await Promise.all([import("@/lib/issuing/bulk/queries"), import("@/lib/issuing/bulk/api")]);
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { slug: true } });
    const job = await getBulkJob(organizationId, jobId);
    if (job.status !== "completed" && job.status !== "failed") return;
    // A retry of its failed rows ends the job again: each end is an event of its own.
    const options = (await db.bulkJob.findUnique({ where: { id: jobId }, select: { options: true } }))?.options as { retries?: number } | null;
    const retries = typeof options?.retries === "number" ? options.retries : 0;
    const id = retries > 0 ? `msg_bulk_${jobId}_retry_${retries}` : `msg_bulk_${jobId}`;
    await emitWebhookEvent(organizationId, "bulk_job.completed", bulkJobResponse(job, organization.slug), { id, ...(job.finishedAt && { at: job.finishedAt }) });
  });
}
