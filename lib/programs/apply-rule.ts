// PLACEHOLDER: replaced by the engine branch
import "server-only";
import { db } from "@/lib/db";

export async function startApplyRule(organizationId: string, programId: string, ruleId: string, actorId?: string): Promise<{ jobId: string; total: number }> {
  const job = await db.programJob.create({
    data: { organizationId, programId, createdById: actorId ?? null, kind: "apply_rule", status: "completed", options: { ruleId }, finishedAt: new Date() },
  });
  return { jobId: job.id, total: job.total };
}
