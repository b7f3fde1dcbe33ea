// Request bodies sent as a stream without Content-Length (chunked), for body-limit tests.

/**
 * A chunked body (no Content-Length) that would go on far past any limit: 64 KB chunks, 3,200
 * of them (200 MB). Counts what was pulled and whether the reader cancelled it.
 */
export function endlessBody(chunkBytes = 64 * 1024, chunks = 3200) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state, chunkBytes };
}

export const streamingRequest = (url: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", headers, body, duplex: "half" } as RequestInit);
