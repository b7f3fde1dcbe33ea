import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Next's cache handler on a real Redis: two handlers stand for two app instances (each Next
// process makes its own), sharing nothing but the server.
const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `test:${randomBytes(6).toString("hex")}:`;

let RedisCacheHandler: typeof import("./redis-cache-handler.mjs").default;
let serializeEntry: typeof import("./redis-cache-handler.mjs").serializeEntry;
let markRevalidated: typeof import("./redis-cache-handler.mjs").markRevalidated;
let pathTag: typeof import("./redis-cache-handler.mjs").pathTag;
let deserializeEntry: typeof import("./redis-cache-handler.mjs").deserializeEntry;

beforeAll(async () => {
  process.env.REDIS_URL = url;
  process.env.REDIS_KEY_PREFIX = prefix;
  ({ default: RedisCacheHandler, serializeEntry, deserializeEntry, markRevalidated, pathTag } = await import("./redis-cache-handler.mjs"));
});

afterAll(async () => {
  const client = await createClient({ url }).connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await client.del(keys);
  await client.quit();
});

/** A cached page as Next stores it: HTML, the RSC payload, segment data and its implicit path tags. */
function page(path: string) {
  return {
    kind: "APP_PAGE",
    html: `<html><body>${path}</body></html>`,
    rscData: Buffer.from(`rsc for ${path}`),
    segmentData: new Map([["/_index", Buffer.from("segment")]]),
    headers: { "x-next-cache-tags": `_N_T_/layout,_N_T_/cached/en/c/[id]/page,_N_T_${path}` },
    postponed: undefined,
    status: 200,
  };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 3));

describe("the shared page cache", () => {
  it("serves one instance's page to another, Buffers and Maps intact", async () => {
    const a = new RedisCacheHandler({});
    const b = new RedisCacheHandler({});
    await a.set("/cached/en/c/abc", page("/cached/en/c/abc"), { cacheControl: { revalidate: 60, expire: 120 } });
    const hit = await b.get("/cached/en/c/abc", {});
    expect(hit?.value.rscData).toEqual(Buffer.from("rsc for /cached/en/c/abc"));
    expect(hit?.value.segmentData.get("/_index")).toEqual(Buffer.from("segment"));
    expect(hit?.value.html).toContain("/cached/en/c/abc");
    expect(hit?.cacheControl).toEqual({ revalidate: 60, expire: 120 });
    expect(hit?.lastModified).toBeGreaterThan(Date.now() - 5_000);
  });

  it("misses everywhere once one instance revalidates the page's path, and only that page", async () => {
    const a = new RedisCacheHandler({});
    const b = new RedisCacheHandler({});
    await b.set("/cached/en/c/one", page("/cached/en/c/one"), {});
    await b.set("/cached/en/c/two", page("/cached/en/c/two"), {});
    await pause();
    // revalidatePath("/cached/en/c/one") on instance A reaches its handler as the path's tag.
    await a.revalidateTag(["_N_T_/cached/en/c/one"]);
    expect(await b.get("/cached/en/c/one", {})).toBeNull();
    expect(await b.get("/cached/en/c/two", {})).not.toBeNull();
    // Rendered again after the revalidation: served again.
    await pause();
    await b.set("/cached/en/c/one", page("/cached/en/c/one"), {});
    expect(await a.get("/cached/en/c/one", {})).not.toBeNull();
  });

  it("drops its in-memory copy when another process publishes a revalidation", async () => {
    const a = new RedisCacheHandler({});
    await a.set("/cached/en/u/someone", page("/cached/en/u/someone"), {});
    expect(await a.get("/cached/en/u/someone", {})).not.toBeNull();
    await pause();
    // Another instance, as it revalidates: the mark, then the news on the channel.
    const other = await createClient({ url }).connect();
    const at = Date.now();
    await other.set(`${prefix}next:tag:_N_T_/cached/en/u/someone`, String(at));
    await other.publish(`${prefix}next:revalidated`, JSON.stringify({ tags: ["_N_T_/cached/en/u/someone"], at }));
    await other.quit();
    await expect.poll(async () => a.get("/cached/en/u/someone", {}), { timeout: 1_000, interval: 10 }).toBeNull();
  });

  it("misses once a process outside Next (a worker) marks the page's path", async () => {
    const a = new RedisCacheHandler({});
    await a.set("/cached/es/c/worker", page("/cached/es/c/worker"), {});
    await pause();
    await markRevalidated([pathTag("/cached/es/c/worker")]);
    expect(await a.get("/cached/es/c/worker", {})).toBeNull();
  });

  it("honours the caller's tags and soft tags (fetches and route handlers)", async () => {
    const a = new RedisCacheHandler({});
    const b = new RedisCacheHandler({});
    await a.set("fetch-key", { kind: "FETCH", data: { body: "{}", headers: {}, status: 200 }, revalidate: 60 }, { tags: ["issuer:o1"] });
    await pause();
    await b.revalidateTag("issuer:o1");
    expect(await a.get("fetch-key", { kind: "FETCH", tags: ["issuer:o1"] })).toBeNull();

    await a.set("route-key", { kind: "APP_ROUTE", body: Buffer.from("x"), headers: {}, status: 200 }, {});
    await pause();
    await b.revalidateTag("_N_T_/o/o1");
    expect(await a.get("route-key", { softTags: ["_N_T_/o/o1"] })).toBeNull();
  });

  it("forgets an entry set to null", async () => {
    const a = new RedisCacheHandler({});
    await a.set("gone", page("/gone"), {});
    await a.set("gone", null, {});
    expect(await a.get("gone", {})).toBeNull();
  });

  it("round-trips Buffers and Maps, nested, through its JSON", () => {
    const value = { a: Buffer.from([0, 255, 7]), m: new Map([["k", { b: Buffer.from("z") }]]), n: null, s: "text" };
    const back = deserializeEntry(serializeEntry(value));
    expect(back.a).toEqual(Buffer.from([0, 255, 7]));
    expect(back.m.get("k").b).toEqual(Buffer.from("z"));
    expect(back).toMatchObject({ n: null, s: "text" });
  });
});
