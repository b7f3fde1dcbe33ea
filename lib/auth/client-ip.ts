import { env } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

/**
 * The address of the TCP peer, written by Laurel's own server on every request (lib/server/
 * peer-address.ts) over whatever a client sent under this name: the one source of the client
 * IP that no client controls when no proxy stands in front.
 */
export const PEER_ADDRESS_HEADER = "x-laurel-peer-address";

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's IP for rate limits and visitor counts, as TRUSTED_PROXY_HOPS says.
 *
 * - 0 (the default: no proxy): the TCP peer's address. X-Forwarded-For is never read, since
 *   the client wrote all of it (Next.js keeps a client's header instead of adding the peer).
 * - N ≥ 1: each trusted proxy appends the address it saw, so the entry N from the right is the
 *   one the outermost trusted proxy recorded; entries further left were written by the client.
 *   A chain shorter than N did not come through the proxies: the peer's address is used.
 *
 * "unknown" when there is no address at all (outside an HTTP request).
 */
export function clientIp(source: HeaderSource, hops = env().TRUSTED_PROXY_HOPS): string {
  const peer = header(source, PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (hops <= 0) return peer;
  const chain = (header(source, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return chain.length >= hops ? chain[chain.length - hops] : peer;
}
