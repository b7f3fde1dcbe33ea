/**
 * Only same-site paths are followed after sign-in, never another origin (open redirects).
 *
 * Browsers drop tabs and newlines from URLs and read a backslash as a slash, so `/\tevil`,
 * `/\evil` and `//evil` all leave the site; an encoded slash or backslash becomes one of those
 * once anything decodes it again. A path is kept only when none of its decodings could.
 */
const PROBE_ORIGIN = "http://laurel.invalid";

export function safeCallbackUrl(value: string | string[] | undefined | null, fallback = "/dashboard"): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (typeof url !== "string" || url.length === 0 || url.length > 2048) return fallback;
  if (!isSafePath(url)) return fallback;
  let decoded = url;
  for (let round = 0; round < 3; round++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback; // a broken % escape
    }
    if (next === decoded) break;
    if (!isSafePath(next)) return fallback;
    decoded = next;
  }
  const resolved = new URL(url, PROBE_ORIGIN);
  if (resolved.origin !== PROBE_ORIGIN) return fallback;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

function isSafePath(path: string): boolean {
  if (!path.startsWith("/")) return false;
  // Control characters and whitespace (a browser strips tabs and newlines), and backslashes.
  if (/[\u0000-\u0020\u007f-\u009f\\\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/.test(path)) return false;
  return !path.startsWith("//");
}

/**
 * next-auth's redirect callback: a relative path or a URL on Laurel's own origin, normalised
 * as above; anything else goes to the dashboard.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      if (absolute.origin !== base.origin) return `${base.origin}/dashboard`;
      path = `${absolute.pathname}${absolute.search}${absolute.hash}`;
    } catch {
      return `${base.origin}/dashboard`;
    }
  }
  return `${base.origin}${safeCallbackUrl(path)}`;
}
