/** validFrom plus the achievement's expiry policy, when it has one. */
export function expiryFor(validFrom: Date, policy: { expiresAfterValue: number | null; expiresAfterUnit: string | null }): Date | undefined {
  if (!policy.expiresAfterValue || !policy.expiresAfterUnit) return undefined;
  const until = new Date(validFrom);
  if (policy.expiresAfterUnit === "months") until.setUTCMonth(until.getUTCMonth() + policy.expiresAfterValue);
  else until.setUTCDate(until.getUTCDate() + policy.expiresAfterValue);
  return until;
}
