import "server-only";
import { UNKNOWN_CLIENT } from "@/lib/auth/client-ip";
import { hitRateLimit } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";
import { PUBLIC_RATE_LIMITS } from "@/lib/http/public-route";

/** The /verify page spends the same per-IP budget as POST /api/v1/verify. */
export async function spendVerifyBudget(ip: string): Promise<void> {
  if (ip === UNKNOWN_CLIENT) return;
  const { limit, windowSeconds } = PUBLIC_RATE_LIMITS.verify;
  const rate = await hitRateLimit(`public:verify:${ip}`, limit, windowSeconds);
  if (!rate.allowed) throw new AppError("rate_limited", "Too many verifications; retry later", undefined, { minutes: Math.ceil(rate.retryAfterSeconds / 60), retryAfterSeconds: rate.retryAfterSeconds });
}
