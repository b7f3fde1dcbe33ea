import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { RejectedRow } from "./run-job";

const jobSelect = { id: true, status: true, total: true, done: true, failed: true, error: true, options: true, createdAt: true, finishedAt: true } as const;

export type EventsJobSummary = {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  error: string | null;
  fileName: string;
  createdAt: Date;
  finishedAt: Date | null;
};

const present = ({ options, ...job }: { options: unknown } & Omit<EventsJobSummary, "fileName">): EventsJobSummary => ({
  ...job,
  fileName: (options as { fileName?: string } | null)?.fileName ?? "events.csv",
});

/** One events job of one program of the organization; another organization's or program's is not found. */
export async function getEventsJob(organizationId: string, programId: string, jobId: string): Promise<EventsJobSummary> {
  const job = isId(jobId) ? await db.programJob.findFirst({ where: { id: jobId, organizationId, programId, kind: "events_csv" }, select: jobSelect }) : null;
  if (!job) throw new AppError("not_found", "Events job not found");
  return present(job);
}

/** The program's latest uploads, newest first. */
export async function listEventsJobs(organizationId: string, programId: string, take = 20): Promise<EventsJobSummary[]> {
  const jobs = await db.programJob.findMany({ where: { organizationId, programId, kind: "events_csv" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take, select: jobSelect });
  return jobs.map(present);
}

/** The rows the program refused, in file order (the first `take`). */
export async function rejectedRowsOf(organizationId: string, programId: string, jobId: string, take?: number): Promise<RejectedRow[]> {
  await getEventsJob(organizationId, programId, jobId);
  const { report } = await db.programJob.findUniqueOrThrow({ where: { id: jobId }, select: { report: true } });
  const rows = Array.isArray(report) ? (report as RejectedRow[]) : [];
  const sorted = [...rows].sort((a, b) => a.line - b.line);
  return take === undefined ? sorted : sorted.slice(0, take);
}
