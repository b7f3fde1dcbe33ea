import { env } from "@/lib/env";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's IP for rate limits. Each trusted proxy appends the address it saw to
 * X-Forwarded-For, so the entry `hops` from the right is the one the outermost trusted proxy
 * recorded; entries further left were written by the client and could be forged. (Without a
 * proxy, Next.js fills the header with the socket's address.)
 */
export function clientIp(source: HeaderSource, hops = env().TRUSTED_PROXY_HOPS): string {
  const chain = (header(source, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return "unknown";
  return chain[Math.max(0, chain.length - hops)];
}
