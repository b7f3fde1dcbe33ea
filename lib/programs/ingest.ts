// PLACEHOLDER: replaced by the engine branch
import "server-only";

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; error: { code: string; message: string; field: string } }>;
  awards: Array<{ programId: string; ruleId: string; achievementId: string; email: string }>;
};

export async function ingestEvents(
  _organizationId: string,
  events: unknown[],
  _options: { dryRun?: boolean; source?: "api" | "csv" | "laurel" } = {},
): Promise<IngestResult> {
  return { accepted: events.length, duplicates: 0, rejected: [], awards: [] };
}
