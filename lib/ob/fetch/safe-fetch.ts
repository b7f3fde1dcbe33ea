/**
 * Fetching documents named by untrusted input (a pasted badge URL, a status list, an issuer
 * profile, a key) without letting that input reach the machine's own network: loopback,
 * private ranges, link-local (cloud metadata), CGNAT, multicast and friends are refused.
 *
 * The address is checked where the connection is made (a custom DNS lookup plus a check of
 * the socket's peer), so a hostname that resolves to a public address for a pre-check and to
 * 127.0.0.1 for the connection (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type Socket } from "node:net";
import ipaddr from "ipaddr.js";
import { Agent, buildConnector, request } from "undici";
import { ObInputError } from "../errors";

export type SafeFetchOptions = {
  /** Accept header; defaults to JSON-LD, JSON, then anything. */
  accept?: string;
  /**
   * Origins (`scheme://host[:port]`) exempt from the address checks and allowed over http:
   * how tests and a dev server let the app fetch itself. Everything else must be https on a
   * public address.
   */
  allowOrigins?: string[];
  /** Whole operation, every redirect and the body included. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** More request headers (an Authorization), sent only to the origin first asked, never after a redirect elsewhere. */
  headers?: Record<string, string>;
};

export type SafeFetchResult = {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Uint8Array;
  /** The answer's Link header (paged services name their next page there), when it has one. */
  link?: string;
};

/** A non-2xx answer; `status` lets callers tell a revoked OB 2.0 assertion (410) from an outage. */
export class HttpStatusError extends ObInputError {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super("http_status", `${url} answered HTTP ${status}.`);
    this.name = "HttpStatusError";
  }
}

export const SAFE_FETCH_DEFAULTS = {
  timeoutMs: 5000,
  maxBytes: 2 * 1024 * 1024,
  maxRedirects: 3,
  accept: "application/ld+json, application/json;q=0.9, */*;q=0.5",
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The IPv4 address an IPv6 address carries inside it, when it is one of the forms that reach
 * an IPv4 host: IPv4-compatible (::a.b.c.d), IPv4-mapped (::ffff:a.b.c.d), SIIT
 * (::ffff:0:a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:aabb:ccdd::) and Teredo (both its
 * server and its obfuscated client address). Empty for any other address.
 */
export function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4[] {
  const w = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const zero = (from: number, to: number) => w.slice(from, to).every((word) => word === 0);
  // ::/96 (compatible), ::ffff:0:0/96 (mapped), ::ffff:0:0:0/96 (SIIT), 64:ff9b::/96 (NAT64).
  if (zero(0, 5) && (w[5] === 0 || w[5] === 0xffff)) return [v4(w[6], w[7])];
  if (zero(0, 4) && w[4] === 0xffff && w[5] === 0) return [v4(w[6], w[7])];
  if (w[0] === 0x64 && w[1] === 0xff9b && zero(2, 6)) return [v4(w[6], w[7])];
  if (w[0] === 0x2002) return [v4(w[1], w[2])];
  if (w[0] === 0x2001 && w[1] === 0) return [v4(w[2], w[3]), v4(~w[6] & 0xffff, ~w[7] & 0xffff)];
  return [];
}

/**
 * Only globally routable unicast addresses. ipaddr.js names every special range (private,
 * loopback, linkLocal, carrierGradeNat, uniqueLocal, multicast, unspecified, broadcast,
 * reserved, 6to4, teredo, NAT64…); anything not plain "unicast" is refused. An IPv6 address
 * that embeds an IPv4 one is judged by that IPv4 address too: ipaddr.js calls `::7f00:1`
 * (IPv4-compatible 127.0.0.1) plain unicast, yet a dual-stack host may route it to loopback.
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return false;
  }
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  // The unspecified and loopback addresses sit inside ::/96 but are not IPv4-compatible ones.
  if (v6.range() === "unspecified" || v6.range() === "loopback") return false;
  const embedded = embeddedIPv4(v6);
  if (embedded.some((v4) => v4.range() !== "unicast")) return false;
  // A mapped or compatible address is the IPv4 host it names; the tunnelling ranges stay refused.
  if (v6.isIPv4MappedAddress() || (embedded.length === 1 && v6.parts.slice(0, 6).every((word) => word === 0))) return true;
  return v6.range() === "unicast";
}

/**
 * Whether a URL's host is plainly not on the public internet without asking DNS: a private or
 * special IP literal, "localhost" (and its subdomains), or a single-label name. Forms refuse those
 * at once; a name that resolves to a private address is refused where the connection is made.
 */
export function isPlainlyNotPublicHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return (isIP(host) !== 0 && !isPublicAddress(host)) || /(^|\.)localhost$/i.test(host) || !host.includes(".");
}

function forbiddenAddress(host: string, address: string): ObInputError {
  return new ObInputError(
    "url_forbidden_address",
    `Refusing to fetch from ${host}: it resolves to ${address}, which is not a public internet address.`,
  );
}

function normalizeOrigin(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** net.connect's `lookup`, refusing a hostname if any of its addresses is not public. */
function guardedLookup(hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback): void {
  const family = typeof options === "number" ? options : options?.family;
  const wantAll = typeof options === "object" && options?.all === true;
  dnsLookup(hostname, { all: true, family: family || undefined }, (err, addresses) => {
    if (err) return callback(err, wantAll ? [] : "");
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || addresses.length === 0) {
      return callback(forbiddenAddress(hostname, bad?.address ?? "nothing") as NodeJS.ErrnoException, wantAll ? [] : "");
    }
    if (wantAll) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** One dispatcher per hop, so the address policy always matches the URL being fetched. */
function agentFor(checkAddresses: boolean, connectTimeout: number): Agent {
  if (!checkAddresses) return new Agent({ connect: { timeout: connectTimeout }, pipelining: 0 });
  const connector = buildConnector({ timeout: connectTimeout, lookup: guardedLookup } as buildConnector.BuildOptions);
  return new Agent({
    pipelining: 0,
    connect(options, callback) {
      connector(options, (err, socket) => {
        if (err || !socket) return callback(err as Error, null);
        // Belt and braces: whatever resolved, the peer we are actually talking to must be public.
        const remote = (socket as Socket).remoteAddress ?? "";
        if (!isPublicAddress(remote)) {
          socket.destroy();
          return callback(forbiddenAddress(options.hostname, remote || "an unknown address"), null);
        }
        callback(null, socket);
      });
    },
  });
}

function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ObInputError("url_invalid", `"${raw.slice(0, 200)}" is not a valid URL.`);
  }
}

/**
 * Checks a hop before any traffic: scheme, credentials, and IP-literal hosts. An allowed origin
 * is only exempt while the chain started there: a public URL redirecting into it gets no pass.
 */
function checkTarget(url: URL, allowed: Set<string>, chainExempt: boolean): { exempt: boolean } {
  const exempt = chainExempt && allowed.has(url.origin);
  if (url.protocol !== "https:" && !(exempt && url.protocol === "http:")) {
    throw new ObInputError("url_scheme", `Only https URLs can be fetched (got ${url.protocol.replace(/:$/, "")}).`);
  }
  if (url.username || url.password) {
    throw new ObInputError("url_invalid", "URLs with embedded credentials are not fetched.");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An IP literal never goes through DNS, so the lookup guard would not see it.
  if (!exempt && isIP(host) && !isPublicAddress(host)) throw forbiddenAddress(url.hostname, host);
  return { exempt };
}

type BodyStream = AsyncIterable<Uint8Array> & { on(event: "error", listener: () => void): unknown; destroy(): unknown };

async function readLimited(body: BodyStream, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) {
      discard(body);
      throw new ObInputError("body_too_large", `The document at ${url} is larger than ${maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Drops a body we will not read; undici reports the abandonment as an error event, expected here. */
function discard(body: { on(event: "error", listener: () => void): unknown; destroy(): unknown }): void {
  body.on("error", () => undefined);
  body.destroy();
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function asObInputError(error: unknown, url: string, timedOut: boolean): ObInputError {
  if (timedOut) return new ObInputError("fetch_timeout", `${url} did not answer in time.`);
  if (error instanceof ObInputError) return error;
  // undici wraps connector errors in some paths; keep our refusal if it is underneath.
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof ObInputError) return cause;
  const message = error instanceof Error ? error.message : String(error);
  return new ObInputError("fetch_failed", `Could not fetch ${url}: ${message}`);
}

function allowedOrigins(origins: string[] | undefined): Set<string> {
  return new Set((origins ?? []).map(normalizeOrigin).filter((o): o is string => o !== null));
}

/** One deadline for a whole exchange (every hop and the body): aborts at `timeoutMs`, and says so. */
function startDeadline(timeoutMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  return { signal: controller.signal, timedOut: () => timedOut, clear: () => clearTimeout(timer) };
}

/**
 * GET a URL under the rules above. Throws ObInputError: url_invalid, url_scheme,
 * url_forbidden_address, too_many_redirects, fetch_timeout, body_too_large, fetch_failed, or
 * HttpStatusError (code http_status) for a final non-2xx answer.
 */
export async function safeFetch(rawUrl: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const maxBytes = options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes;
  const maxRedirects = options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const allowed = allowedOrigins(options.allowOrigins);
  const deadline = startDeadline(timeoutMs);

  let url = parseUrl(rawUrl);
  const firstOrigin = url.origin;
  const agents: Agent[] = [];
  let chainExempt = true;
  try {
    for (let hop = 0; ; hop++) {
      const { exempt } = checkTarget(url, allowed, chainExempt);
      chainExempt = exempt;
      const agent = agentFor(!exempt, timeoutMs);
      agents.push(agent);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          method: "GET",
          dispatcher: agent,
          signal: deadline.signal,
          headers: {
            accept: options.accept ?? SAFE_FETCH_DEFAULTS.accept,
            "user-agent": "Laurel-OpenBadges-Verifier",
            ...(url.origin === firstOrigin ? options.headers : undefined),
          },
        });
      } catch (error) {
        throw asObInputError(error, url.href, deadline.timedOut());
      }
      const { statusCode, headers, body } = response;

      if (REDIRECT_STATUSES.has(statusCode)) {
        discard(body);
        const location = headerValue(headers.location);
        if (!location) throw new ObInputError("fetch_failed", `${url.href} redirected without a Location.`);
        if (hop >= maxRedirects) {
          throw new ObInputError("too_many_redirects", `Stopped after ${maxRedirects} redirects (last at ${url.href}).`);
        }
        url = parseUrl(new URL(location, url).href);
        continue;
      }
      if (statusCode < 200 || statusCode > 299) {
        discard(body);
        throw new HttpStatusError(statusCode, url.href);
      }
      const declared = Number(headerValue(headers["content-length"]));
      if (Number.isFinite(declared) && declared > maxBytes) {
        discard(body);
        throw new ObInputError("body_too_large", `The document at ${url.href} is larger than ${maxBytes} bytes.`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readLimited(body, maxBytes, url.href);
      } catch (error) {
        throw asObInputError(error, url.href, deadline.timedOut());
      }
      const link = headerValue(headers.link);
      return { url: url.href, status: statusCode, contentType: headerValue(headers["content-type"]), body: bytes, ...(link ? { link } : {}) };
    }
  } catch (error) {
    throw asObInputError(error, url.href, deadline.timedOut());
  } finally {
    deadline.clear();
    // destroy, not close: an aborted or oversized response must not keep its socket open.
    for (const agent of agents) void agent.destroy().catch(() => undefined);
  }
}

export type SafePostOptions = {
  body: string;
  headers: Record<string, string>;
  /** Origins exempt from the address checks and allowed over http (see SafeFetchOptions). */
  allowOrigins?: string[];
  timeoutMs?: number;
  /** How much of the answer to keep (the rest is read and dropped, up to 64 KB, then cut off). */
  keepBytes?: number;
};

export type SafePostResult = { status: number; body: string; contentType: string };

/**
 * POST to a URL someone else chose (a webhook endpoint) under the same address rules as
 * safeFetch: https to public addresses only, checked where the connection is made. Redirects
 * are not followed (a 3xx is the answer). Any status is returned; only a refused address, a
 * timeout or a failed connection throws (ObInputError).
 */
export async function safePost(rawUrl: string, options: SafePostOptions): Promise<SafePostResult> {
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const keepBytes = options.keepBytes ?? 1024;
  const url = parseUrl(rawUrl);
  const { exempt } = checkTarget(url, allowedOrigins(options.allowOrigins), true);
  const deadline = startDeadline(timeoutMs);
  const agent = agentFor(!exempt, timeoutMs);
  try {
    const response = await request(url, {
      method: "POST",
      dispatcher: agent,
      signal: deadline.signal,
      headers: { "user-agent": "Laurel-Webhooks", ...options.headers },
      body: options.body,
    });
    const kept: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      if (total < keepBytes) kept.push(chunk.subarray(0, keepBytes - total));
      total += chunk.length;
      if (total > 64 * 1024) {
        discard(response.body);
        break;
      }
    }
    return { status: response.statusCode, body: Buffer.concat(kept).toString("utf8"), contentType: headerValue(response.headers["content-type"]) };
  } catch (error) {
    throw asObInputError(error, url.href, deadline.timedOut());
  } finally {
    deadline.clear();
    void agent.destroy().catch(() => undefined);
  }
}
