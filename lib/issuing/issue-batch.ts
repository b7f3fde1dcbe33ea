import type { Prisma } from "@/lib/db/generated/client.ts";
import { recordAudit } from "@/lib/audit/record";
import { releaseIssuance, reserveIssuance } from "@/lib/billing/entitlements";
import { db } from "@/lib/db";
import { sqlState } from "@/lib/db/errors";
import { log } from "@/lib/log";
import type { SigningKey } from "@/lib/ob/keys";
import { signCredentialsInThread, type SignedBatchItem } from "@/lib/ob/sign-batch";
import { draftCredential, loadIssuingContext, type CredentialDraft, type CredentialRequest, type IssuingContext } from "./draft-credential";
import { allocateStatusSlots } from "./status-lists";

type Tx = Prisma.TransactionClient;

/** One credential to issue in a batch. */
export type BatchItem = CredentialRequest & {
  /** Required: a batch is only safe to retry because every item has one. */
  idempotencyKey: string;
};

export type BatchOutcome =
  | { status: "issued"; credentialId: string }
  /** An earlier run (another upload, a crashed attempt) already issued it. */
  | { status: "skipped"; credentialId: string }
  /** `error` is a code (bulk.issues.<code> says it in words). */
  | { status: "failed"; error: string };

/** What every item of a batch shares: loaded once per job, not once per batch. */
export type BatchContext = IssuingContext;

/** The achievement (refusing an archived one), issuer, key and plan: as single issuing loads them. */
export const loadBatchContext = loadIssuingContext;

export type Signer = <T extends Record<string, unknown>>(credentials: T[], key: SigningKey) => Promise<Array<SignedBatchItem<T>>>;

/** Items of the batch whose outcome a transaction settled, with that outcome. */
export type SettledItems = Array<{ index: number; outcome: BatchOutcome }>;

export type IssueBatchOptions = {
  message?: string;
  bulkJobId?: string;
  actorId?: string;
  /** Both proofs for many credentials; on the calling thread unless a SigningPool is given. */
  sign?: Signer;
  /**
   * Runs in each transaction that settles items (stores their credentials or records why not),
   * so a checkpoint, and the jobs that follow from the credentials, commit with them.
   */
  onStored?: (tx: Tx, settled: SettledItems) => Promise<void>;
  /** Extra data of an item's `issued` event (what its timeline shows), by the item's index. */
  eventData?: (index: number) => Record<string, unknown> | undefined;
};

/**
 * Issues many credentials of one achievement at once: status indexes in one transaction,
 * signing in bulk outside any transaction, then the credentials and their `issued` events in
 * one more, with multi-row inserts. Items whose idempotency key was already used come back as
 * "skipped" with the existing credential; a crash anywhere leaves at most unused status indexes.
 */
export async function issueBatch(context: BatchContext, items: BatchItem[], options: IssueBatchOptions = {}): Promise<BatchOutcome[]> {
  return storeBatch(context, await prepareBatch(context, items, options), options);
}

type PreparedItem = { index: number; draft: CredentialDraft };

/** A batch built and signed, not stored yet: its outcomes so far (skipped, failed) and its credentials. */
export type PreparedBatch = { outcomes: BatchOutcome[]; prepared: PreparedItem[] };

/**
 * The first half of issueBatch: finds the items already issued, allocates status indexes for
 * the others, builds (with the same builder as single issuing) and signs them. A caller may
 * prepare the next batch while storing this one.
 */
export async function prepareBatch(context: BatchContext, items: BatchItem[], options: IssueBatchOptions = {}): Promise<PreparedBatch> {
  const { organizationId } = context;
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
      try {
        const draft = draftCredential(context, item, slots[n], { message: options.message, idempotencyKey: item.idempotencyKey, bulkJobId: options.bulkJobId, now });
        prepared.push({ index, draft });
      } catch (error) {
        // A row the builder cannot express (e.g. a date JavaScript cannot print) fails alone.
        log.warn({ err: error, bulkJobId: options.bulkJobId, index }, "a batch item could not be built");
        outcomes[index] = { status: "failed", error: storeRefusal(error) ?? "store_refused" };
      }
    });

    const signed = await (options.sign ?? signCredentialsInThread)(prepared.map((p) => p.draft.unsigned), context.key);
    prepared.forEach((p, n) => {
      p.draft.row.document = signed[n].credential as Prisma.InputJsonValue;
      p.draft.row.jwt = signed[n].jwt!;
    });
  }
  return { outcomes, prepared };
}

/**
 * Why the database refused an item's own values, as a bulk issue code; null when the error is
 * not about the values (a lost connection, a deadlock: retry the whole batch instead).
 */
function storeRefusal(error: unknown): string | null {
  // Date.prototype.toISOString throws RangeError on a date past JavaScript's range.
  if (error instanceof RangeError) return "store_refused_date";
  const state = sqlState(error);
  if (!state) return null;
  if (["22007", "22008", "22009"].includes(state)) return "store_refused_date";
  if (["22021", "22P05"].includes(state)) return "store_refused_text";
  // Other data exceptions (22), integrity violations (23) and program limits (54) are the row's.
  if (/^(22|23|54)/.test(state)) return "store_refused";
  return null;
}

/**
 * The second half: stores the signed credentials and their `issued` events in one transaction
 * (with the caller's checkpoint, `onStored`) and completes the outcomes. When the database
 * refuses the values of some item (a date PostgreSQL cannot hold), the batch is split in halves
 * until the refused items stand alone: those fail with the reason, every other item is stored.
 */
export async function storeBatch(context: BatchContext, batch: PreparedBatch, options: IssueBatchOptions = {}): Promise<BatchOutcome[]> {
  const { outcomes, prepared } = batch;
  const settledAlready = outcomes.flatMap((outcome, index) => (outcome ? [index] : []));
  const settle = (tx: Tx, indexes: number[]) => options.onStored?.(tx, indexes.map((index) => ({ index, outcome: outcomes[index] }))) ?? Promise.resolve();

  const storeGroup = async (group: PreparedItem[], alsoSettled: number[]): Promise<void> => {
    if (group.length === 0) {
      if (alsoSettled.length > 0 && options.onStored) await db.$transaction((tx) => settle(tx, alsoSettled), { timeout: 60_000, maxWait: 60_000 });
      return;
    }
    try {
      await db.$transaction(
        async (tx) => {
          await storeInTransaction(tx, context, group, outcomes, options);
          await settle(tx, [...alsoSettled, ...group.map((p) => p.index)]);
        },
        { timeout: 60_000, maxWait: 60_000 },
      );
    } catch (error) {
      const refusal = storeRefusal(error);
      if (!refusal) throw error;
      if (group.length === 1) {
        log.warn({ err: error, bulkJobId: options.bulkJobId, index: group[0].index }, "the database refused a batch item");
        outcomes[group[0].index] = { status: "failed", error: refusal };
        return storeGroup([], [...alsoSettled, group[0].index]);
      }
      const half = Math.ceil(group.length / 2);
      await storeGroup(group.slice(0, half), alsoSettled);
      await storeGroup(group.slice(half), []);
    }
  };

  await storeGroup(prepared, settledAlready);
  return outcomes;
}

/** Stores one group of prepared items and sets their outcomes; throws (and rolls back) on a refused value. */
async function storeInTransaction(tx: Tx, context: BatchContext, group: PreparedItem[], outcomes: BatchOutcome[], options: IssueBatchOptions): Promise<void> {
  const { organizationId, achievement } = context;
  // The quota, counted in this transaction: parallel jobs queue on the counter, and the rows
  // past it fail as "quota_exceeded" (their reservation is never made).
  const granted = await reserveIssuance(tx, organizationId, group.length, context.monthlyCredentials);
  for (const p of group.slice(granted)) outcomes[p.index] = { status: "failed", error: "quota_exceeded" };
  const toStore = group.slice(0, granted);
  const stored = await insertCredentials(tx, toStore.map((p) => p.draft.row));
  // Rows another run had stored already don't use the quota twice.
  if (stored.size < toStore.length) await releaseIssuance(tx, organizationId, toStore.length - stored.size);
  // Another run of the same rows may have stored some of them meanwhile: those are skipped.
  const lost = toStore.filter((p) => !stored.has(p.draft.id));
  const winners = lost.length ? await existingCredentials(tx, organizationId, lost.map((p) => p.draft.row.idempotencyKey!)) : new Map<string, string>();
  for (const p of toStore) {
    const key = p.draft.row.idempotencyKey!;
    outcomes[p.index] = stored.has(p.draft.id)
      ? { status: "issued", credentialId: p.draft.id }
      : winners.has(key)
        ? { status: "skipped", credentialId: winners.get(key)! }
        : { status: "failed", error: "not_stored" };
  }
  const issued = toStore.filter((p) => stored.has(p.draft.id));
  const issuedIds = issued.map((p) => p.draft.id);
  if (issuedIds.length > 0) {
    const eventData = issued.map((p) => {
      const data = { ...(options.bulkJobId ? { bulkJobId: options.bulkJobId } : {}), ...options.eventData?.(p.index) };
      return JSON.stringify(Object.keys(data).length > 0 ? data : null);
    });
    await tx.$executeRaw`
      INSERT INTO "CredentialEvent" ("id", "organizationId", "credentialId", "type", "actorId", "data")
      SELECT gen_random_uuid()::text, ${organizationId}, v.c, 'issued', ${options.actorId ?? null}, v.d::jsonb
      FROM unnest(${issuedIds}::text[], ${eventData}::text[]) AS v(c, d)`;
    await recordAudit(tx, {
      organizationId,
      actorId: options.actorId,
      action: "credential.bulk_issued",
      targetType: options.bulkJobId ? "bulk_job" : "achievement",
      targetId: options.bulkJobId ?? achievement.id,
      data: { achievementId: achievement.id, count: issuedIds.length },
    });
  }
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
