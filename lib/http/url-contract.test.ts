import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { verifyCredential } from "@/lib/ob/verify";
import { appEntries, loadAppEntry } from "@/lib/test/app-routes";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import nextConfig from "../../next.config.js";
import { matchPublicPath, patternParams, PUBLIC_URLS, publicPath, type PublicUrlEntry, type PublicUrlName } from "./url-contract";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));
const { laurelFetcher } = await import("@/lib/backpack/verify");

const entries = appEntries();
const table = Object.entries(PUBLIC_URLS) as [PublicUrlName, PublicUrlEntry][];

/** Every page.tsx under app/, as its URL path (route groups removed). */
function pagePaths(dir = join(process.cwd(), "app"), prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return entry.name === "page.tsx" ? [prefix || "/"] : [];
    const segment = /^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`;
    return pagePaths(join(dir, entry.name), prefix + segment);
  });
}

const routeAt = (path: string) => entries.find((entry) => entry.kind === "route" && entry.path === path);

describe("the public URL table", () => {
  it("matches the route folders on disk", async () => {
    const pages = pagePaths();
    const rewrites = ((await nextConfig.rewrites!()) as unknown as { beforeFiles: { source: string; destination: string; has?: unknown[] }[] }).beforeFiles;
    const colon = (pattern: string) => pattern.replace(/\[([^\]]+)\]/g, ":$1");
    for (const [name, entry] of table) {
      if (entry.answer.kind === "route") {
        expect(routeAt(entry.pattern), `${name}: ${entry.pattern} has a route.ts`).toBeDefined();
        expect(routeAt(entry.pattern)!.params).toEqual(patternParams(entry.pattern));
      } else {
        expect(pages, `${name}: ${entry.pattern} has a page.tsx`).toContain(entry.pattern);
        const json = entry.answer.json;
        if (json) {
          expect(routeAt(json), `${name}: ${json} has a route.ts`).toBeDefined();
          // The page's JSON is reached by content negotiation (next.config.js).
          expect(rewrites.some((rule) => rule.source === colon(entry.pattern) && rule.destination === colon(json) && rule.has)).toBe(true);
        }
      }
    }
  });

  it("names every public route: nothing answers strangers outside the table", () => {
    const inTable = new Set(table.flatMap(([, entry]) => [entry.pattern, ...(entry.answer.kind === "page" && entry.answer.json ? [entry.answer.json] : [])]));
    const publicRoutes = entries.filter((entry) => entry.exports.some((handler) => handler.door === "publicRoute")).map((entry) => entry.path);
    expect(publicRoutes.length).toBeGreaterThan(25);
    expect(publicRoutes.filter((path) => !inTable.has(path))).toEqual([]);
  });

  it("keeps the URLs printed in credentials exactly as they have always been", () => {
    const base = env().BASE_URL;
    expect(publicUrls.issuer("org1")).toBe(`${base}/o/org1`);
    expect(publicUrls.verificationMethod("org1", "key-2024")).toBe(`${base}/o/org1#key-2024`);
    expect(publicUrls.issuerJwks("org1")).toBe(`${base}/o/org1/jwks.json`);
    expect(publicUrls.issuerKey("org1", "key-2024")).toBe(`${base}/o/org1/keys/key-2024`);
    expect(publicUrls.statusList("org1", "list1")).toBe(`${base}/o/org1/status/list1`);
    expect(publicUrls.revocationList("org1")).toBe(`${base}/o/org1/revocations`);
    expect(publicUrls.credential("cred1")).toBe(`${base}/c/cred1`);
    expect(publicUrls.achievement("ach1")).toBe(`${base}/b/ach1`);
    expect(publicUrls.achievementImage("ach1", 3)).toBe(`${base}/b/ach1/v/3/image.png`);
    expect(publicUrls.achievementImage("ach1", 3, "svg")).toBe(`${base}/b/ach1/v/3/image.svg`);
    expect(publicUrls.ob2Issuer("org1")).toBe(`${base}/o/org1/ob2`);
    expect(publicUrls.ob2RevocationList("org1")).toBe(`${base}/o/org1/ob2/revocations`);
    expect(publicUrls.ob2BadgeClass("ach1")).toBe(`${base}/b/ach1/ob2`);
    expect(publicUrls.ob2Assertion("cred1")).toBe(`${base}/c/cred1/ob2`);
    expect(publicUrls.jwks()).toBe(`${base}/.well-known/jwks.json`);
    const printed = table.filter(([, entry]) => entry.printed).map(([, entry]) => entry.pattern).sort();
    expect(printed).toEqual([
      "/.well-known/jwks.json", "/b/[id]", "/b/[id]/ob2", "/b/[id]/v/[version]/image.png", "/b/[id]/v/[version]/image.svg",
      "/c/[id]", "/c/[id]/ob2", "/o/[orgId]", "/o/[orgId]/jwks.json", "/o/[orgId]/keys/[keyId]", "/o/[orgId]/ob2", "/o/[orgId]/ob2/revocations",
      "/o/[orgId]/revocations", "/o/[orgId]/status/[listId]",
    ]);
  });

  it("reads back what it builds", () => {
    for (const [name, entry] of table) {
      const params = Object.fromEntries(patternParams(entry.pattern).map((param, index) => [param, `v${index}x`]));
      expect(matchPublicPath(publicPath(name, params))).toEqual({ name, params });
    }
    expect(matchPublicPath("/c/abc/credential.json/extra")).toBeNull();
    expect(matchPublicPath("/c/%E0%A4%A")).toBeNull();
  });
});

type Resolved = { status: number; type: string; body: unknown };

/** Resolves a Laurel URL the way a stranger's HTTP request would: through the route handler that answers it. */
async function throughRoutes(url: string): Promise<Resolved> {
  const base = env().BASE_URL;
  expect(url.startsWith(`${base}/`), url).toBe(true);
  const path = new URL(url).pathname.slice(new URL(base).pathname.replace(/\/$/, "").length);
  const match = matchPublicPath(path);
  expect(match, `${url} is in the URL table`).not.toBeNull();
  const entry: PublicUrlEntry = PUBLIC_URLS[match!.name];
  const routePath = entry.answer.kind === "route" ? entry.pattern : entry.answer.json;
  expect(routePath, `${url} answers machines`).toBeDefined();
  const module = await loadAppEntry(routeAt(routePath!)!);
  const GET = module.GET as (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const response = await GET(new Request(url, { headers: { accept: "application/ld+json", "user-agent": "verifier/1.0" } }), { params: Promise.resolve(match!.params) });
  const type = response.headers.get("content-type") ?? "";
  const body = /json/.test(type) ? await response.json() : await response.arrayBuffer();
  return { status: response.status, type, body };
}

/** Every absolute URL under BASE_URL in a document, with the JSON path it sits at. */
function laurelUrlsIn(value: unknown, at = "$"): { at: string; url: string }[] {
  if (typeof value === "string") return value.startsWith(`${env().BASE_URL}/`) ? [{ at, url: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => laurelUrlsIn(item, `${at}[${index}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => laurelUrlsIn(item, `${at}.${key}`));
  return [];
}

describe("every URL printed in an issued credential", () => {
  it("resolves through its real route handler to the documents that were signed, as the in-process fetcher says", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Contract Academy");
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Contract Keeper", description: "Keeps URLs.", criteria: { narrative: "Never change a URL." } }));
    const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner"), name: "Lee" } }), { notify: false });
    const signed = (await throughRoutes(publicUrls.credential(issued.id))).body as Record<string, unknown>;

    const printed = laurelUrlsIn(signed);
    const at = printed.map((item) => item.at);
    for (const field of ["$.id", "$.issuer.id", "$.credentialSubject.achievement.id", "$.credentialSubject.achievement.image.id", "$.credentialStatus.statusListCredential"]) {
      expect(at).toContain(field);
    }
    expect(at.some((path) => /^\$\.proof(\[\d+\])?\.verificationMethod$/.test(path)), at.join(" ")).toBe(true);
    expect(at.some((path) => path.startsWith("$.credentialStatus"))).toBe(true);

    const fetcher = laurelFetcher();
    for (const { at: field, url } of printed) {
      const [address, fragment] = url.split("#");
      const resolved = await throughRoutes(address);
      expect(resolved.status, `${field} ${url}`).toBe(200);
      if (!/json/.test(resolved.type)) {
        expect(resolved.type, `${field} ${url}`).toMatch(/^image\//);
        continue;
      }
      // The verifier's in-process fetcher reads the same document without HTTP.
      expect(await fetcher(url), `${field} ${url}`).toEqual(resolved.body);
      const document = resolved.body as Record<string, unknown>;
      // A key is a fragment of the issuer's profile, which lists it; a status entry's fragment is its index.
      if (fragment && field.endsWith("verificationMethod")) expect(JSON.stringify(document), `${field}: the document lists ${url}`).toContain(JSON.stringify(url));
      else if (fragment) expect(field).toMatch(/^\$\.credentialStatus/);
      else if (field === "$.id") expect(document).toEqual(signed);
      else if (typeof document.id === "string") expect(document.id, field).toBe(address);
    }

    // And a verifier that only has HTTP finds the credential valid with what these routes answer.
    const viaRoutes = async (url: string) => (await throughRoutes(url.split("#")[0])).body;
    const result = await verifyCredential(signed, { fetchRemote: viaRoutes });
    expect(result.checks.map((check) => [check.check, check.ok])).toEqual([["proof", true], ["schema", true], ["dates", true], ["status", true], ["issuer", true]]);
  });

  it("in its OB 2.0 form resolves too", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Contract Academy 2");
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Legacy Keeper", description: "Keeps old URLs.", criteria: { narrative: "Serve OB 2.0." } }));
    const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner") } }), { notify: false });
    const assertion = await throughRoutes(publicUrls.ob2Assertion(issued.id));
    expect(assertion.status).toBe(200);
    const printed = laurelUrlsIn(assertion.body);
    expect(printed.map((item) => item.at)).toEqual(expect.arrayContaining(["$.id", "$.badge"]));
    // The assertion, its BadgeClass, and what the BadgeClass names in turn (the issuer, images).
    const seen = new Set<string>();
    const follow = async (items: { at: string; url: string }[], depth: number): Promise<void> => {
      for (const { at: field, url } of items) {
        const address = url.split("#")[0];
        if (seen.has(address)) continue;
        seen.add(address);
        const resolved = await throughRoutes(address);
        expect(resolved.status, `${field} ${url}`).toBe(200);
        if (depth > 0 && /json/.test(resolved.type)) await follow(laurelUrlsIn(resolved.body), depth - 1);
      }
    };
    await follow(printed, 2);
    expect([...seen].some((url) => url.endsWith(`/o/${org.id}/ob2`))).toBe(true);
  });
});
