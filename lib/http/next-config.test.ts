import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getCacheControlHeader } from "next/dist/server/lib/cache-control.js";
import { describe, expect, it } from "vitest";
import { getPathMatch } from "next/dist/shared/lib/router/utils/path-match.js";
import { matchHas, prepareDestination } from "next/dist/shared/lib/router/utils/prepare-destination.js";
import { locales } from "@/lib/i18n/config";
import nextConfig from "../../next.config.js";

type Condition = { type: "header" | "cookie"; key: string; value?: string };
type Rewrite = { source: string; destination: string; has?: Condition[]; missing?: Condition[] };

/**
 * Where Next.js sends a request, by its own matching code: the first `beforeFiles` rewrite whose
 * source matches and whose conditions hold, its destination filled in with the captured values.
 */
async function destination(path: string, headers: Record<string, string> = {}, cookies: Record<string, string> = {}): Promise<string> {
  const rewrites = (await nextConfig.rewrites!()) as unknown as { beforeFiles: Rewrite[] };
  const request = { headers, cookies } as unknown as Parameters<typeof matchHas>[0];
  for (const rule of rewrites.beforeFiles) {
    const params = getPathMatch(rule.source, { removeUnnamedParams: true, strict: true })(path);
    if (!params) continue;
    const captured = matchHas(request, {}, rule.has as Parameters<typeof matchHas>[2], rule.missing as Parameters<typeof matchHas>[3]);
    if (!captured) continue;
    return prepareDestination({ appendParamsToQuery: false, destination: rule.destination, params: { ...params, ...captured }, query: {} }).parsedDestination.pathname!;
  }
  return path;
}

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

describe("next.config.js", () => {
  it("turns the image optimizer off, so /_next/image serves nothing (no private certificate or hidden photo)", () => {
    expect(nextConfig.images).toMatchObject({ unoptimized: true, localPatterns: [], remotePatterns: [] });
  });

  it("serves link-preview crawlers and scripts the cached public pages, like signed-out people", async () => {
    for (const agent of [BROWSER, "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "Twitterbot/1.0", "facebookexternalhit/1.1", "curl/8.5.0", "python-requests/2.31", "axios/1.7.2", "Go-http-client/1.1"]) {
      expect(await destination("/c/abc123", { "user-agent": agent }), agent).toBe("/cached/en/c/abc123");
      expect(await destination("/u/jane", { "user-agent": agent, "accept-language": "es-ES,es;q=0.9" }), agent).toBe("/cached/es/u/jane");
    }
  });

  it("routes every public page, in the language of the switcher's cookie, else the browser's, else English", async () => {
    for (const path of ["/c/abc123", "/b/ach1", "/o/org1", "/p/prog1", "/u/jane", "/u/jane/badges"]) {
      expect(await destination(path)).toBe(`/cached/en${path}`);
      expect(await destination(path, { "accept-language": "es-MX,es;q=0.9,en;q=0.5" })).toBe(`/cached/es${path}`);
      for (const locale of locales) expect(await destination(path, { "accept-language": "es" }, { NEXT_LOCALE: locale })).toBe(`/cached/${locale}${path}`);
    }
    expect(await destination("/c/abc123", { "accept-language": "en-US,es;q=0.8" })).toBe("/cached/en/c/abc123");
    expect(await destination("/c/abc123", {}, { NEXT_LOCALE: "fr" })).toBe("/cached/en/c/abc123");
    // The files and sub-pages under a public page are not pages of the cache.
    for (const path of ["/c/abc123/opengraph-image", "/c/abc123/credential.json", "/c/abc123/embed", "/b/ach1/badges", "/o/org1/embed", "/u/jane/photo", "/cached/en/c/abc123", "/c", "/verify"]) {
      expect(await destination(path), path).toBe(path);
    }
  });

  it("renders per request only for signed-in people, and answers machines asking for JSON with the document", async () => {
    expect(await destination("/c/abc123", { "user-agent": BROWSER }, { "next-auth.session-token": "x" })).toBe("/c/abc123");
    expect(await destination("/o/org1", { "user-agent": "curl/8.5.0" }, { "__Secure-next-auth.session-token": "x" })).toBe("/o/org1");
    expect(await destination("/c/abc123", { accept: "application/ld+json" })).toBe("/api/ob/credentials/abc123");
  });

  it("lets a CDN keep a cached public page two minutes at most, so a change of visibility shows within minutes", () => {
    const pages = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? pages(join(dir, entry.name)) : entry.name === "page.tsx" ? [join(dir, entry.name)] : []));
    const cached = pages(join(process.cwd(), "app/(cached)"));
    expect(cached.length).toBeGreaterThanOrEqual(5);
    for (const file of cached) {
      const revalidate = Number(/export const revalidate = (\d+)/.exec(readFileSync(file, "utf8"))?.[1]);
      expect(revalidate, file).toBeLessThanOrEqual(60);
      // The header Next.js itself writes for such a page.
      const header = getCacheControlHeader({ revalidate, expire: nextConfig.expireTime });
      expect(header, file).toBe(`s-maxage=${revalidate}, stale-while-revalidate=${120 - revalidate}`);
    }
  });
});
