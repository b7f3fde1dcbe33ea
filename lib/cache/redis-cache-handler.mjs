// Next.js's cache handler (next.config.js `cacheHandler`) on Redis, so every app instance shares
// one page cache and one record of revalidations: a path revalidated on one instance (a
// credential revoked, a profile hidden) is re-rendered on the next request to any of them.
// Used only when REDIS_URL is set; a single instance without it keeps Next's own cache.
//
// Each instance also keeps the entries it served in memory (an LRU bounded by bytes), so a hot
// page costs no Redis round trip. A revalidation is published on a Redis channel, and every
// instance drops the entries it names at once; an instance that lost its subscription drops
// everything, since it may have missed one.
//
// Plain JavaScript: Next loads this file itself, outside the app's bundle.
import { createClient } from "redis";

/** Entries and revalidation marks outlive any page's lifetime (60 s, expiring after 120 s). */
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
const CACHE_TAGS_HEADER = "x-next-cache-tags";

let connecting = null;
let subscribing = null;

const MEMORY_MAX_BYTES = 64 * 1024 * 1024;
/** key → { entry, tags, bytes }, least recently used first. */
const memory = new Map();
let memoryBytes = 0;
/** tag → when this instance heard it was revalidated (so a read racing the news keeps nothing stale). */
const heard = new Map();

/** One connection per process, opened on first use. */
function redis() {
  if (!connecting) {
    const client = createClient({ url: process.env.REDIS_URL, socket: { connectTimeout: 5_000 } });
    // A lost connection is retried by the client; meanwhile reads miss and pages are rendered.
    client.on("error", (error) => console.error(JSON.stringify({ level: 50, msg: "redis cache handler", err: String(error) })));
    connecting = client.connect().catch((error) => {
      connecting = null;
      throw error;
    });
  }
  return connecting;
}

const prefix = () => process.env.REDIS_KEY_PREFIX || "laurel:";
const channel = () => `${prefix()}next:revalidated`;
const entryKey = (key) => `${prefix()}next:entry:${key}`;
const tagKey = (tag) => `${prefix()}next:tag:${tag}`;

function forget(key) {
  const held = memory.get(key);
  if (!held) return;
  memory.delete(key);
  memoryBytes -= held.bytes;
}

function remember(key, entry, tags, bytes) {
  // Revalidated while it was being read: not worth keeping.
  if (tags.some((tag) => (heard.get(tag) ?? 0) >= entry.lastModified)) return;
  forget(key);
  memory.set(key, { entry, tags, bytes });
  memoryBytes += bytes;
  for (const [oldest] of memory) {
    if (memoryBytes <= MEMORY_MAX_BYTES) break;
    forget(oldest);
  }
}

function recall(key) {
  const held = memory.get(key);
  if (!held) return null;
  memory.delete(key);
  memory.set(key, held);
  return held;
}

/** Drops what the revalidated tags name, here and now. */
function hear(tags, at) {
  for (const tag of tags) heard.set(tag, Math.max(heard.get(tag) ?? 0, at));
  for (const [key, held] of memory) if (held.tags.some((tag) => tags.includes(tag))) forget(key);
  // The marks only matter for reads in flight; keep the map small.
  if (heard.size > 10_000) for (const [tag, time] of heard) if (time < at - 60_000) heard.delete(tag);
}

/** Listens for revalidations from every instance (this one included). */
function subscribe() {
  if (!subscribing) {
    subscribing = redis()
      .then(async (client) => {
        const subscriber = client.duplicate();
        subscriber.on("error", () => undefined);
        // Reconnected after a gap: a revalidation may have been missed, so nothing held is trusted.
        subscriber.on("ready", () => {
          memory.clear();
          memoryBytes = 0;
        });
        await subscriber.connect();
        await subscriber.subscribe(channel(), (message) => {
          try {
            const { tags, at } = JSON.parse(message);
            hear(tags, at);
          } catch {
            memory.clear();
            memoryBytes = 0;
          }
        });
      })
      .catch((error) => {
        subscribing = null;
        throw error;
      });
  }
  return subscribing;
}

// Cache values hold Buffers (RSC payloads, route bodies) and Maps (segment data): JSON keeps
// them as tagged objects.
function replacer(key, value) {
  const original = this[key];
  if (Buffer.isBuffer(original)) return { __laurel: "buffer", data: original.toString("base64") };
  if (original instanceof Map) return { __laurel: "map", data: [...original.entries()] };
  return value;
}

function reviver(_key, value) {
  if (value && typeof value === "object" && typeof value.__laurel === "string") {
    if (value.__laurel === "buffer") return Buffer.from(value.data, "base64");
    if (value.__laurel === "map") return new Map(value.data);
  }
  return value;
}

export function serializeEntry(entry) {
  return JSON.stringify(entry, replacer);
}

export function deserializeEntry(text) {
  return JSON.parse(text, reviver);
}

const answer = (entry) => ({ lastModified: entry.lastModified, value: entry.value, ...(entry.cacheControl ? { cacheControl: entry.cacheControl } : {}) });

/** The tags an entry answers to: its own (a page's implicit path tags) and the caller's. */
function tagsOf(value, ctx) {
  const header = value?.headers?.[CACHE_TAGS_HEADER];
  const own = typeof header === "string" ? header.split(",") : [];
  return [...new Set([...own, ...(ctx?.tags ?? [])].filter(Boolean))];
}

/**
 * Marks tags revalidated for every instance. Next calls it through the handler's revalidateTag;
 * processes outside Next (the worker) call it directly for the paths they change.
 */
export async function markRevalidated(tags) {
  const list = [tags].flat().filter(Boolean);
  if (list.length === 0) return;
  const client = await redis();
  const at = Date.now();
  hear(list, at);
  const multi = client.multi();
  for (const tag of list) multi.set(tagKey(tag), String(at), { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } });
  // The marks first, then the news: an instance that hears it and reads again finds the marks.
  multi.publish(channel(), JSON.stringify({ tags: list, at }));
  await multi.exec();
}

/** Next's tag for everything cached under a path (what revalidatePath(path) revalidates). */
export const pathTag = (path) => `_N_T_${path}`;

export default class RedisCacheHandler {
  constructor(options) {
    this.options = options;
  }

  async get(key, ctx) {
    try {
      await subscribe();
      const extra = [...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
      const held = recall(key);
      if (held && !extra.some((tag) => (heard.get(tag) ?? 0) >= held.entry.lastModified)) return answer(held.entry);
      const client = await redis();
      const text = await client.get(entryKey(key));
      if (!text) return null;
      const entry = deserializeEntry(text);
      const tags = [...new Set([...(entry.tags ?? []), ...extra])];
      if (tags.length > 0) {
        const marks = await client.mGet(tags.map(tagKey));
        // Revalidated after this entry was stored: a miss, so this request renders it anew.
        if (marks.some((mark) => mark !== null && Number(mark) >= entry.lastModified)) return null;
      }
      remember(key, entry, entry.tags ?? [], text.length);
      return answer(entry);
    } catch (error) {
      console.error(JSON.stringify({ level: 40, msg: "redis cache read failed", key, err: String(error) }));
      return null;
    }
  }

  async set(key, data, ctx) {
    try {
      await subscribe();
      const client = await redis();
      const entry = { value: data, lastModified: Date.now(), tags: tagsOf(data, ctx), ...(ctx?.cacheControl ? { cacheControl: ctx.cacheControl } : {}) };
      forget(key);
      if (data === null) {
        await client.del(entryKey(key));
        return;
      }
      const text = serializeEntry(entry);
      await client.set(entryKey(key), text, { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } });
      remember(key, entry, entry.tags, text.length);
    } catch (error) {
      console.error(JSON.stringify({ level: 40, msg: "redis cache write failed", key, err: String(error) }));
    }
  }

  /** Marks tags (revalidatePath's path tags included) revalidated now, for every instance. */
  async revalidateTag(tags) {
    try {
      await markRevalidated(tags);
    } catch (error) {
      // The change itself is saved; with Redis away the pages expire on their own within minutes.
      console.error(JSON.stringify({ level: 50, msg: "redis cache revalidation failed", tags, err: String(error) }));
    }
  }

  resetRequestCache() {}
}
