import "server-only";
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ApiError } from "./errors";
import type { ApiContext } from "./handler";
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from "./idempotency-header";

export { IDEMPOTENCY_HEADER, REPLAYED_HEADER };

/** A claim on a key whose request never finished (a crash) is taken over after this long. */
const ABANDONED_AFTER_MS = 60_000;
const IN_PROGRESS = 0;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function replay(record: { status: number; response: Prisma.JsonValue }): Response {
  return Response.json(record.response, { status: record.status, headers: { [REPLAYED_HEADER]: "true", "Cache-Control": "no-store" } });
}

/** Claims the key for this request; answers with the stored response when it was already used. */
async function claim(organizationId: string, key: string, scope: string, requestHash: string): Promise<Response | null> {
  try {
    await db.idempotencyRecord.create({ data: { organizationId, key, scope, requestHash, status: IN_PROGRESS, response: {} } });
    return null;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.idempotencyRecord.findUnique({ where: { organizationId_key: { organizationId, key } } });
  if (!existing) return claim(organizationId, key, scope, requestHash); // released meanwhile
  if (existing.scope !== scope || existing.requestHash !== requestHash) {
    throw new ApiError("idempotency_key_reused", 422, "This Idempotency-Key was already used with a different request", { firstUsedWith: existing.scope });
  }
  if (existing.status !== IN_PROGRESS) return replay(existing);
  const takenOver = await db.idempotencyRecord.updateMany({
    where: { id: existing.id, status: IN_PROGRESS, createdAt: { lt: new Date(Date.now() - ABANDONED_AFTER_MS) } },
    data: { createdAt: new Date() },
  });
  if (takenOver.count === 1) return null;
  throw new AppError("conflict", "A request with this Idempotency-Key is still in progress; retry shortly", { [IDEMPOTENCY_HEADER]: { code: "in_progress" } });
}

/**
 * Honours `Idempotency-Key` on POST. The first successful answer (status and body) is stored
 * per organization; the same key with the same body gets it again, marked `Idempotent-Replayed:
 * true`, and the same key with another body or on another endpoint is refused with 422. A
 * request that fails is not stored, so it can be retried with the same key. The handler gets
 * the key (namespaced for the API) to pass on to domain functions that are idempotent
 * themselves, so a crash between their write and the stored answer still does the work once.
 */
export async function withIdempotency(
  request: Request,
  ctx: Pick<ApiContext<unknown>, "org" | "rawBody">,
  handler: (idempotencyKey: string | undefined) => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (request.method !== "POST" || key === null) return handler(undefined);
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("validation_failed", "Idempotency-Key must be 1 to 255 visible ASCII characters", { [IDEMPOTENCY_HEADER]: { code: "invalid_format" } });
  }
  const scope = `POST ${new URL(request.url).pathname}`;
  const stored = await claim(ctx.org.id, key, scope, sha256(ctx.rawBody));
  if (stored) return stored;

  const release = () => db.idempotencyRecord.deleteMany({ where: { organizationId: ctx.org.id, key, status: IN_PROGRESS } });
  let response: Response;
  try {
    response = await handler(`api:${key}`);
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status < 200 || response.status >= 300) {
    await release();
    return response;
  }
  const body = (await response.clone().json()) as Prisma.InputJsonValue;
  await db.idempotencyRecord.updateMany({
    where: { organizationId: ctx.org.id, key },
    data: { status: response.status, response: body },
  });
  return response;
}
