import { describe, expect, it } from "vitest";
import { endlessBody, streamingRequest } from "@/lib/test/streaming-body";
import { BodyTooLargeError, readBodyWithLimit } from "./read-body";

describe("readBodyWithLimit", () => {
  it("reads a body under the limit whole, as UTF-8", async () => {
    const text = await readBodyWithLimit(new Request("http://x.test/", { method: "POST", body: "héllo" }), 100);
    expect(text).toBe("héllo");
  });

  it("reads a chunked body under the limit", async () => {
    const { stream } = endlessBody(1000, 5);
    expect(await readBodyWithLimit(streamingRequest("http://x.test/", stream), 10_000)).toHaveLength(5000);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { stream, state } = endlessBody();
    const request = streamingRequest("http://x.test/", stream, { "content-length": String(200 * 1024 * 1024) });
    await expect(readBodyWithLimit(request, 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.pulled).toBeLessThanOrEqual(1);
  });

  it("stops a chunked body at the limit and cancels the rest of the stream", async () => {
    const { stream, state, chunkBytes } = endlessBody();
    const limit = 1024 * 1024;
    await expect(readBodyWithLimit(streamingRequest("http://x.test/", stream), limit)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.cancelled).toBe(true);
    // Read to just past 1 MB (plus what the stream buffers ahead), not the 200 MB on offer.
    expect(state.pulled * chunkBytes).toBeLessThan(limit + 4 * chunkBytes);
  });

  it("an empty body is the empty string", async () => {
    expect(await readBodyWithLimit(new Request("http://x.test/", { method: "POST" }), 10)).toBe("");
  });
});
