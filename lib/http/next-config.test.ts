import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { getCacheControlHeader } from "next/dist/server/lib/cache-control.js";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config.js";

type Condition = { type: "header" | "cookie"; key: string; value?: string };
type Rewrite = { source: string; destination: string; has?: Condition[]; missing?: Condition[] };

// Next.js' matching of a rewrite, as far as Laurel's rules use it: `:param` segments, and
// header or cookie conditions whose value is a regular expression over the whole value.
function matches(rule: Rewrite, path: string, headers: Record<string, string>, cookies: Record<string, string>): boolean {
  const source = new RegExp(`^${rule.source.replace(/:\w+/g, "[^/]+")}$`);
  if (!source.test(path)) return false;
  const holds = (condition: Condition) => {
    const value = condition.type === "header" ? headers[condition.key] : cookies[condition.key];
    if (value === undefined) return false;
    return condition.value === undefined || new RegExp(`^(?:${condition.value})$`).test(value);
  };
  return (rule.has ?? []).every(holds) && !(rule.missing ?? []).some(holds);
}

async function destination(path: string, headers: Record<string, string> = {}, cookies: Record<string, string> = {}): Promise<string> {
  const rewrites = (await nextConfig.rewrites!()) as unknown as { beforeFiles: Rewrite[] };
  const rule = rewrites.beforeFiles.find((candidate) => matches(candidate, path, headers, cookies));
  return rule ? rule.destination : path;
}

const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

describe("next.config.js", () => {
  it("turns the image optimizer off, so /_next/image serves nothing (no private certificate or hidden photo)", () => {
    expect(nextConfig.images).toMatchObject({ unoptimized: true, localPatterns: [], remotePatterns: [] });
  });

  it("serves link-preview crawlers and scripts the cached public pages, like signed-out people", async () => {
    for (const agent of [BROWSER, "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "Twitterbot/1.0", "facebookexternalhit/1.1", "curl/8.5.0", "python-requests/2.31", "axios/1.7.2", "Go-http-client/1.1"]) {
      expect(await destination("/c/abc123", { "user-agent": agent }), agent).toBe("/cached/en/c/:id");
      expect(await destination("/u/jane", { "user-agent": agent, "accept-language": "es-ES,es;q=0.9" }), agent).toBe("/cached/es/u/:handle");
    }
  });

  it("renders per request only for signed-in people, and answers machines asking for JSON with the document", async () => {
    expect(await destination("/c/abc123", { "user-agent": BROWSER }, { "next-auth.session-token": "x" })).toBe("/c/abc123");
    expect(await destination("/o/org1", { "user-agent": "curl/8.5.0" }, { "__Secure-next-auth.session-token": "x" })).toBe("/o/org1");
    expect(await destination("/c/abc123", { accept: "application/ld+json" })).toBe("/api/ob/credentials/:id");
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
