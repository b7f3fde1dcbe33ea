type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(source: HeaderSource, name: string): string | undefined {
  if (!source) return undefined;
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's IP, as the reverse proxy in front of Laurel reports it (first X-Forwarded-For
 * hop). Used for rate limits only, never stored raw beyond the audit log.
 */
export function clientIp(source: HeaderSource): string {
  const forwarded = header(source, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header(source, "x-real-ip") || "unknown";
}
