import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCrawler } from "./visitors";

// "Is this a crawler?" is answered in one place (isCrawler, on the isbot list). Routing does not
// ask at all: every signed-out visitor, crawler or person, gets the same cached public page, so
// no second definition (a User-Agent pattern in next.config.js or the proxy) can disagree.

const ROOT = process.cwd();
const SOURCE = /\.(ts|tsx|js|mjs)$/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "test" ? [] : sources(relative);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

describe("one definition of a crawler", () => {
  const files = [...sources("app"), ...sources("lib"), ...sources("components"), "proxy.ts", "next.config.js"];

  it("only lib/analytics/visitors.ts asks isbot, and nothing matches User-Agents by a pattern of its own", () => {
    expect(files.length).toBeGreaterThan(100);
    const askingIsbot = files.filter((file) => /from\s+["']isbot["']/.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(askingIsbot).toEqual([path.join("lib", "analytics", "visitors.ts")]);
    const patterns = files.filter((file) => /(bot|crawl|spider|facebookexternalhit)[^\n]*\/i?\.test\(|user-agent[^\n]*value:\s*["'`][^"'`]*bot/i.test(readFileSync(path.join(ROOT, file), "utf8")));
    expect(patterns).toEqual([]);
  });

  it("knows the link-preview crawlers that fetch shared badges, and people's browsers", () => {
    for (const agent of ["LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "Twitterbot/1.0", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "curl/8.5.0"]) {
      expect(isCrawler(agent), agent).toBe(true);
    }
    expect(isCrawler("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36")).toBe(false);
  });
});
