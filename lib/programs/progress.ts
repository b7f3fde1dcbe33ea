// PLACEHOLDER: replaced by the engine branch
// Only the signature, so the progress endpoint can be built and tested before the engine lands.

export type LearnerProgress = {
  programId: string;
  name: string;
  metrics: Array<{ key: string; label: string; unit: string | null; value: number }>;
  earned: Array<{ achievementId: string; name: string; ruleId: string; kind: string; status: string; credentialId: string | null; awardedAt: string }>;
  next: Array<{ ruleId: string; achievementId: string; name: string; kind: string; metric: string | null; target: number; current: number; remaining: number }>;
};

export async function learnerProgress(organizationId: string, email: string, programId?: string): Promise<LearnerProgress[]> {
  void organizationId;
  void email;
  void programId;
  return [];
}
