// PLACEHOLDER: replaced by the engine branch
import "server-only";
import type { RuleInput } from "./schemas";

export async function countQualifying(_organizationId: string, _programId: string, _rule: RuleInput): Promise<number> {
  return 0;
}
