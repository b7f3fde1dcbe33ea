import { db } from "@/lib/db";
import { log } from "@/lib/log";

/**
 * Rendered cards, twice: in this process (an LRU bounded by count and bytes, for the hot path)
 * and in the RenderedCard table, so every instance behind the load balancer renders a card
 * version once between them. Entries are keyed by content version: a stale one is never
 * served for a newer version, it just ages out.
 */
const MAX_ENTRIES = 1000;
const MAX_BYTES = 96 * 1024 * 1024;

const memory = new Map<string, Uint8Array>();
let bytes = 0;

const memoryKey = (slot: string, version: string) => `${slot}@${version}`;

export function fromMemory(slot: string, version: string): Uint8Array | undefined {
  const key = memoryKey(slot, version);
  const png = memory.get(key);
  if (png) {
    // Most recently used goes to the end.
    memory.delete(key);
    memory.set(key, png);
  }
  return png;
}

export function toMemory(slot: string, version: string, png: Uint8Array): void {
  const key = memoryKey(slot, version);
  const existing = memory.get(key);
  if (existing) bytes -= existing.byteLength;
  memory.delete(key);
  memory.set(key, png);
  bytes += png.byteLength;
  for (const [oldest, value] of memory) {
    if (memory.size <= MAX_ENTRIES && bytes <= MAX_BYTES) break;
    memory.delete(oldest);
    bytes -= value.byteLength;
  }
}

/** Empties this process's cache (tests and benchmarks measure the shared table and renders). */
export function clearCardMemory(): void {
  memory.clear();
  bytes = 0;
}

/** The stored card for this slot, if it is of this version. */
export async function fromTable(slot: string, version: string): Promise<Uint8Array | null> {
  try {
    const row = await db.renderedCard.findUnique({ where: { key: slot }, select: { version: true, png: true } });
    return row && row.version === version ? new Uint8Array(row.png) : null;
  } catch (error) {
    log.warn({ err: error, slot }, "rendered card lookup failed");
    return null;
  }
}

/** Keeps the newest render of a slot (one row per card and locale). */
export async function toTable(slot: string, version: string, png: Uint8Array): Promise<void> {
  const data = { version, png: Buffer.from(png) as Uint8Array<ArrayBuffer>, createdAt: new Date() };
  try {
    await db.renderedCard.upsert({ where: { key: slot }, create: { key: slot, ...data }, update: data });
  } catch (error) {
    // Two instances storing the same card at once, or the table unavailable: the card is
    // still answered, and the next miss stores it.
    log.warn({ err: error, slot }, "rendered card store failed");
  }
}
