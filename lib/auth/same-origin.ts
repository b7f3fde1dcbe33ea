/**
 * The same-origin rule for requests a browser sends with Laurel's session cookie. A page on
 * another site can make the browser post a form (or a server action) here with the cookie
 * attached; such a request must be refused before it changes anything.
 *
 * The browser says where a request comes from in `Origin` (every POST, PUT, PATCH and DELETE
 * in current browsers); older ones send only `Sec-Fetch-Site` or a `Referer`. `Origin: null`
 * (sandboxed frames, some redirects, `file:` pages) is a foreign origin. A request with none
 * of the three did not come from a browser page, so it carries no cookie an attacker chose.
 *
 * Pure (no server-only import): the proxy runs it too.
 */

export type HeaderSource = { get(name: string): string | null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isMutatingMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** Hosts (host[:port]) that count as Laurel itself: BASE_URL's, and the one the request was sent to. */
export function ownHosts(headers: HeaderSource, baseUrl: string | undefined): string[] {
  const hosts: string[] = [];
  if (baseUrl) {
    try {
      hosts.push(new URL(baseUrl).host.toLowerCase());
    } catch {
      // An invalid BASE_URL is reported at start-up; here it just matches nothing.
    }
  }
  // Next's own check for server actions compares with the forwarded host, then Host.
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host");
  if (host) hosts.push(host.toLowerCase());
  return hosts;
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.host.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a browser request comes from one of Laurel's own pages (see above). */
export function isSameOrigin(headers: HeaderSource, baseUrl: string | undefined): boolean {
  const hosts = ownHosts(headers, baseUrl);
  const origin = headers.get("origin");
  if (origin !== null) {
    const host = hostOf(origin.trim());
    return host !== null && hosts.includes(host);
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";
  const referer = headers.get("referer");
  if (referer !== null) {
    const host = hostOf(referer);
    return host !== null && hosts.includes(host);
  }
  return true;
}
