// PLACEHOLDER: replaced by the engine branch
// Only the signature and the per-event schema check live here, so the API and the CSV upload can
// be built and tested before the engine lands; the engine's version stores events and awards.
import { fieldErrorsFromZod } from "@/lib/errors";
import { eventInputSchema } from "./schemas";

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; error: { code: string; message: string; field: string } }>;
  awards: Array<{ programId: string; ruleId: string; achievementId: string; email: string }>;
};

export async function ingestEvents(
  organizationId: string,
  events: unknown[],
  options: { dryRun?: boolean; source?: "api" | "csv" | "laurel" } = {},
): Promise<IngestResult> {
  void organizationId;
  void options;
  const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], awards: [] };
  events.forEach((event, index) => {
    const parsed = eventInputSchema.safeParse(event);
    if (parsed.success) {
      result.accepted++;
      return;
    }
    const [field, issue] = Object.entries(fieldErrorsFromZod(parsed.error))[0];
    result.rejected.push({ index, error: { code: issue.code, message: `${field}: ${issue.code}`, field } });
  });
  return result;
}
