// Types of the JavaScript cache handler Next loads (redis-cache-handler.mjs), for its tests.
type Entry = { lastModified: number; value: any; cacheControl?: { revalidate?: number | false; expire?: number } };
export function serializeEntry(entry: unknown): string;
export function deserializeEntry(text: string): any;
export function markRevalidated(tags: string | string[]): Promise<void>;
export function pathTag(path: string): string;
export default class RedisCacheHandler {
  constructor(options: unknown);
  get(key: string, ctx?: { kind?: string; tags?: string[]; softTags?: string[] }): Promise<Entry | null>;
  set(key: string, data: unknown, ctx?: { tags?: string[]; cacheControl?: { revalidate?: number | false; expire?: number } }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}
