import { randomBytes, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { billingSelect, entitlementsOf, releaseIssuance, reserveIssuance } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildCredential } from "@/lib/ob/build";
import type { SigningKey } from "@/lib/ob/keys";
import { signCredentialsInThread, type SignedBatchItem } from "@/lib/ob/sign-batch";
import { achievementDocument, findAchievement } from "./achievements";
import { expiryFor } from "./issue-credential";
import { issuerDocument } from "./issuer-profile";
import { getActiveSigningKey } from "./signing-keys";
import { allocateStatusSlots } from "./status-lists";
import { publicUrls } from "./urls";

type Tx = Prisma.TransactionClient;

/** One credential to issue in a batch. */
export type BatchItem = {
  /** Required: a batch is only safe to retry because every item has one. */
  idempotencyKey: string;
  recipient: { email: string; name?: string };
  validFrom?: Date;
  validUntil?: Date;
  evidence?: Array<{ id?: string; narrative?: string; name?: string }>;
  narrative?: string;
  /** Free text, e.g. a grade or score (OB 3.0 Result value). */
  result?: string;
};

export type BatchOutcome =
  | { status: "issued"; credentialId: string }
  /** An earlier run (another upload, a crashed attempt) already issued it. */
  | { status: "skipped"; credentialId: string }
  | { status: "failed"; error: string };

/** What every item of a batch shares: loaded once per job, not once per batch. */
export type BatchContext = {
  organizationId: string;
  achievement: Awaited<ReturnType<typeof findAchievement>>;
  achievementDocument: object;
  issuer: object;
  key: SigningKey;
  /** This month's credential quota of the organization's plan; null: no limit. */
  monthlyCredentials: number | null;
};

export type Signer = <T extends Record<string, unknown>>(credentials: T[], key: SigningKey) => Promise<Array<SignedBatchItem<T>>>;

export type IssueBatchOptions = {
  message?: string;
  bulkJobId?: string;
  actorId?: string;
  /** Both proofs for many credentials; on the calling thread unless a SigningPool is given. */
  sign?: Signer;
  /** Runs in the transaction that stores the credentials, so a checkpoint lands with them. */
  onStored?: (tx: Tx, outcomes: BatchOutcome[]) => Promise<void>;
};

export async function loadBatchContext(organizationId: string, achievementId: string): Promise<BatchContext> {
  const achievement = await findAchievement(organizationId, achievementId);
  if (achievement.archivedAt) throw new AppError("conflict", "This achievement is archived", { achievementId: { code: "achievement_archived" } });
  const org = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { ...billingSelect, name: true, website: true, email: true, description: true },
  });
  const issuer = issuerDocument(org);
  return {
    organizationId,
    achievement,
    achievementDocument: achievementDocument(achievement, issuer),
    issuer,
    key: await getActiveSigningKey(organizationId),
    monthlyCredentials: entitlementsOf(org).monthlyCredentials,
  };
}

/**
 * Issues many credentials of one achievement at once: status indexes in one transaction,
 * signing in bulk outside any transaction, then the credentials and their `issued` events in
 * one more, with multi-row inserts. Items whose idempotency key was already used come back as
 * "skipped" with the existing credential; a crash anywhere leaves at most unused status indexes.
 * Claim emails are the caller's to queue, after this returns.
 */
export async function issueBatch(context: BatchContext, items: BatchItem[], options: IssueBatchOptions = {}): Promise<BatchOutcome[]> {
  return storeBatch(context, await prepareBatch(context, items, options), options);
}

type PreparedItem = { index: number; row: Prisma.CredentialCreateManyInput; unsigned: Record<string, unknown> };

/** A batch built and signed, not stored yet: its outcomes so far (skipped, failed) and its credentials. */
export type PreparedBatch = { outcomes: BatchOutcome[]; prepared: PreparedItem[] };

/**
 * The first half of issueBatch: finds the items already issued, allocates status indexes for
 * the others, builds and signs them. A caller may prepare the next batch while storing this one.
 */
export async function prepareBatch(context: BatchContext, items: BatchItem[], options: IssueBatchOptions = {}): Promise<PreparedBatch> {
  const { organizationId, achievement } = context;
  const outcomes: BatchOutcome[] = new Array(items.length);
  const existing = await existingCredentials(db, organizationId, items.map((item) => item.idempotencyKey));

  // Items to issue now: not issued before, and the first of any repeated key in this batch.
  const fresh: number[] = [];
  const claimed = new Set<string>();
  items.forEach((item, index) => {
    const previous = existing.get(item.idempotencyKey);
    if (previous) outcomes[index] = { status: "skipped", credentialId: previous };
    else if (claimed.has(item.idempotencyKey)) outcomes[index] = { status: "failed", error: "duplicate_row" };
    else {
      claimed.add(item.idempotencyKey);
      fresh.push(index);
    }
  });

  const prepared: PreparedItem[] = [];
  if (fresh.length > 0) {
    const slots = await db.$transaction((tx) => allocateStatusSlots(tx, organizationId, fresh.length));
    const now = new Date();
    fresh.forEach((index, n) => {
      const item = items[index];
      const id = randomUUID();
      const salt = randomBytes(16).toString("hex");
      const validFrom = item.validFrom ?? now;
      const validUntil = item.validUntil ?? expiryFor(validFrom, achievement);
      try {
        const unsigned = buildCredential({
          id: publicUrls.credential(id),
          issuer: context.issuer,
          achievement: context.achievementDocument,
          recipient: { email: item.recipient.email, salt, name: item.recipient.name },
          validFrom,
          validUntil,
          awardedDate: validFrom,
          evidence: item.evidence?.length ? item.evidence : undefined,
          narrative: item.narrative,
          results: item.result ? [{ value: item.result }] : undefined,
          name: achievement.name,
          credentialStatus: slots[n].entry,
        }) as Record<string, unknown>;
        prepared.push({
          index,
          unsigned,
          row: {
            id,
            organizationId,
            achievementId: achievement.id,
            achievementVersion: achievement.version,
            recipientEmail: item.recipient.email,
            recipientName: item.recipient.name,
            recipientSalt: salt,
            validFrom,
            validUntil,
            statusListId: slots[n].listId,
            statusIndex: slots[n].index,
            document: {},
            jwt: "",
            message: options.message,
            idempotencyKey: item.idempotencyKey,
            bulkJobId: options.bulkJobId,
          },
        });
      } catch (error) {
        outcomes[index] = { status: "failed", error: error instanceof Error ? error.message : String(error) };
      }
    });

    const signed = await (options.sign ?? signCredentialsInThread)(prepared.map((p) => p.unsigned), context.key);
    prepared.forEach((p, n) => {
      p.row.document = signed[n].credential as Prisma.InputJsonValue;
      p.row.jwt = signed[n].jwt!;
    });
  }
  return { outcomes, prepared };
}

/**
 * The second half: stores the signed credentials and their `issued` events in one transaction
 * (with the caller's checkpoint, `onStored`) and completes the outcomes.
 */
export async function storeBatch(context: BatchContext, batch: PreparedBatch, options: IssueBatchOptions = {}): Promise<BatchOutcome[]> {
  const { organizationId, achievement } = context;
  const { outcomes, prepared } = batch;
  if (prepared.length > 0) {
    await db.$transaction(
      async (tx) => {
        // The quota, counted in this transaction: parallel jobs queue on the counter, and the
        // rows past it fail as "quota_exceeded" (their reservation is never made).
        const granted = await reserveIssuance(tx, organizationId, prepared.length, context.monthlyCredentials);
        for (const p of prepared.slice(granted)) outcomes[p.index] = { status: "failed", error: "quota_exceeded" };
        const toStore = prepared.slice(0, granted);
        const stored = await insertCredentials(tx, toStore.map((p) => p.row));
        // Rows another run had stored already don't use the quota twice.
        if (stored.size < toStore.length) await releaseIssuance(tx, organizationId, toStore.length - stored.size);
        // Another run of the same rows may have stored some of them meanwhile: those are skipped.
        const lost = toStore.filter((p) => !stored.has(p.row.id!));
        const winners = lost.length ? await existingCredentials(tx, organizationId, lost.map((p) => p.row.idempotencyKey!)) : new Map<string, string>();
        for (const p of toStore) {
          outcomes[p.index] = stored.has(p.row.id!)
            ? { status: "issued", credentialId: p.row.id! }
            : winners.has(p.row.idempotencyKey!)
              ? { status: "skipped", credentialId: winners.get(p.row.idempotencyKey!)! }
              : { status: "failed", error: "not_stored" };
        }
        const issuedIds = prepared.filter((p) => stored.has(p.row.id!)).map((p) => p.row.id!);
        if (issuedIds.length > 0) {
          const eventData = JSON.stringify(options.bulkJobId ? { bulkJobId: options.bulkJobId } : null);
          await tx.$executeRaw`
            INSERT INTO "CredentialEvent" ("id", "organizationId", "credentialId", "type", "actorId", "data")
            SELECT gen_random_uuid()::text, ${organizationId}, c, 'issued', ${options.actorId ?? null}, ${eventData}::jsonb
            FROM unnest(${issuedIds}::text[]) AS c`;
          await recordAudit(tx, {
            organizationId,
            actorId: options.actorId,
            action: "credential.bulk_issued",
            targetType: options.bulkJobId ? "bulk_job" : "achievement",
            targetId: options.bulkJobId ?? achievement.id,
            data: { achievementId: achievement.id, count: issuedIds.length },
          });
        }
        await options.onStored?.(tx, outcomes);
      },
      { timeout: 60_000, maxWait: 60_000 },
    );
  } else if (options.onStored) {
    await db.$transaction((tx) => options.onStored!(tx, outcomes), { timeout: 60_000, maxWait: 60_000 });
  }
  return outcomes;
}

type CredentialRow = Prisma.CredentialCreateManyInput;

const iso = (date: Date | string | null | undefined) => (date ? new Date(date).toISOString() : null);

/**
 * One INSERT … SELECT FROM unnest(arrays) for the whole batch: several times faster than
 * createMany for rows this large (two signed forms each). Rows whose idempotency key (or status
 * index) is taken are left out; the ids of those stored come back.
 */
async function insertCredentials(tx: Tx, rows: CredentialRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const column = <K extends keyof CredentialRow>(key: K) => rows.map((row) => row[key] ?? null);
  // Timestamps go in as UTC text: the columns are timestamp without time zone holding UTC, as Prisma writes them.
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Credential" (
      "id", "organizationId", "achievementId", "achievementVersion", "recipientEmail", "recipientName", "recipientSalt",
      "validFrom", "validUntil", "statusListId", "statusIndex", "document", "jwt", "message", "idempotencyKey", "bulkJobId"
    )
    SELECT v.id, v.org, v.achievement, v.version, v.email, v.name, v.salt, v.valid_from::timestamp(3), v.valid_until::timestamp(3),
      v.list, v.index, v.document::jsonb, v.jwt, v.message, v.key, v.job
    FROM unnest(
      ${column("id")}::text[], ${column("organizationId")}::text[], ${column("achievementId")}::text[], ${column("achievementVersion")}::int[],
      ${column("recipientEmail")}::text[], ${column("recipientName")}::text[], ${column("recipientSalt")}::text[],
      ${rows.map((row) => iso(row.validFrom))}::text[], ${rows.map((row) => iso(row.validUntil))}::text[],
      ${column("statusListId")}::text[], ${column("statusIndex")}::int[], ${rows.map((row) => JSON.stringify(row.document))}::text[],
      ${column("jwt")}::text[], ${column("message")}::text[], ${column("idempotencyKey")}::text[], ${column("bulkJobId")}::text[]
    ) AS v(id, org, achievement, version, email, name, salt, valid_from, valid_until, list, index, document, jwt, message, key, job)
    ON CONFLICT DO NOTHING
    RETURNING "id"`;
  return new Set(inserted.map((row) => row.id));
}

async function existingCredentials(client: Pick<Tx, "credential"> | typeof db, organizationId: string, keys: string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await (client.credential as Tx["credential"]).findMany({
    where: { organizationId, idempotencyKey: { in: keys } },
    select: { id: true, idempotencyKey: true },
  });
  return new Map(rows.map((row) => [row.idempotencyKey!, row.id]));
}
