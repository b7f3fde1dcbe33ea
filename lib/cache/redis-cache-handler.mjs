// Next.js's cache handler (next.config.js `cacheHandler`) on Redis, so every app instance shares
// one page cache and one record of revalidations: a path revalidated on one instance (a
// credential revoked, a profile hidden) is re-rendered on the next request to any of them.
// Used only when REDIS_URL is set; a single instance without it keeps Next's own cache.
//
// Plain JavaScript: Next loads this file itself, outside the app's bundle.
import { createClient } from "redis";

/** Entries and revalidation marks outlive any page's lifetime (60 s, expiring after 120 s). */
const ENTRY_TTL_SECONDS = 24 * 60 * 60;
const CACHE_TAGS_HEADER = "x-next-cache-tags";

let connecting = null;

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
const entryKey = (key) => `${prefix()}next:entry:${key}`;
const tagKey = (tag) => `${prefix()}next:tag:${tag}`;

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
  const now = String(Date.now());
  const multi = client.multi();
  for (const tag of list) multi.set(tagKey(tag), now, { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } });
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
      const client = await redis();
      const text = await client.get(entryKey(key));
      if (!text) return null;
      const entry = deserializeEntry(text);
      const tags = [...new Set([...(entry.tags ?? []), ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])])];
      if (tags.length > 0) {
        const marks = await client.mGet(tags.map(tagKey));
        // Revalidated after this entry was stored: a miss, so this request renders it anew.
        if (marks.some((mark) => mark !== null && Number(mark) >= entry.lastModified)) return null;
      }
      return { lastModified: entry.lastModified, value: entry.value, ...(entry.cacheControl ? { cacheControl: entry.cacheControl } : {}) };
    } catch (error) {
      console.error(JSON.stringify({ level: 40, msg: "redis cache read failed", key, err: String(error) }));
      return null;
    }
  }

  async set(key, data, ctx) {
    try {
      const client = await redis();
      const entry = { value: data, lastModified: Date.now(), tags: tagsOf(data, ctx), ...(ctx?.cacheControl ? { cacheControl: ctx.cacheControl } : {}) };
      if (data === null) await client.del(entryKey(key));
      else await client.set(entryKey(key), serializeEntry(entry), { expiration: { type: "EX", value: ENTRY_TTL_SECONDS } });
    } catch (error) {
      console.error(JSON.stringify({ level: 40, msg: "redis cache write failed", key, err: String(error) }));
    }
  }

  /** Marks tags (revalidatePath's path tags included) revalidated now, for every instance. */
  async revalidateTag(tags) {
    await markRevalidated(tags);
  }

  resetRequestCache() {}
}
