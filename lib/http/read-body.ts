/**
 * Reading a request body without trusting its size: a declared Content-Length over the limit is
 * refused unread, and a body sent without one (chunked) is read as a stream and cancelled as soon
 * as it passes the limit, so a 200 MB upload costs at most `maxBytes` of memory.
 */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The body is larger than ${maxBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The body's bytes, at most `maxBytes` of them; throws BodyTooLargeError past that. */
export async function readBytesWithLimit(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw new BodyTooLargeError(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stops the sender's stream: nothing past the limit is read or kept.
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** The body as UTF-8 text, at most `maxBytes` bytes of it; throws BodyTooLargeError past that. */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBytesWithLimit(request, maxBytes));
}

/** A multipart or urlencoded form, at most `maxBytes` bytes of it; throws BodyTooLargeError past that. */
export async function readFormWithLimit(request: Request, maxBytes: number): Promise<FormData> {
  const bytes = await readBytesWithLimit(request, maxBytes);
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
}
