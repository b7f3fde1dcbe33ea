import { db } from "@/lib/db";

/**
 * What LTI only needs for a while: login states (10 minutes), nonces (until the id_token they came
 * with could no longer be accepted) and launches (the hour their token lives). A nonce is kept
 * exactly as long as a replay of its token would otherwise pass.
 */
export async function purgeExpiredLti(now = new Date()): Promise<{ states: number; nonces: number; launches: number }> {
  const [states, nonces, launches] = await Promise.all([
    db.ltiLoginState.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiNonce.deleteMany({ where: { expiresAt: { lt: now } } }),
    db.ltiLaunch.deleteMany({ where: { expiresAt: { lt: now } } }),
  ]);
  return { states: states.count, nonces: nonces.count, launches: launches.count };
}
