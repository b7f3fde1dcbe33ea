import { describe, expect, it } from "vitest";
import { appEntries, exportsOf, HTTP_METHODS, routeHandler } from "@/lib/test/app-routes";

/**
 * Every route handler and server action is built by a door (lib/test/app-routes.ts lists them),
 * except the few below, each with the reason it may not have one.
 */
const ALLOWED_WITHOUT_DOOR: Record<string, { exports: string[]; reason: string }> = {
  "app/api/auth/[...nextauth]/route.ts": {
    exports: ["GET", "POST"],
    reason: "next-auth's own handler: it checks its CSRF token and callback URLs itself, and sessions do not exist yet",
  },
  "app/api/stripe/webhook/route.ts": {
    exports: ["POST"],
    reason: "Stripe calls it with no session or key: the signature over the raw body is the authentication",
  },
};

const entries = appEntries();

describe("a door for every route and action", () => {
  it("finds route handlers and server actions on disk", () => {
    const routes = entries.filter((entry) => entry.kind === "route");
    const actions = entries.filter((entry) => entry.kind === "actions");
    expect(routes.length).toBeGreaterThan(50);
    expect(actions.length).toBeGreaterThan(10);
    expect(entries.find((entry) => entry.path === "/c/[id]/credential.json")).toMatchObject({ params: ["id"], exports: [{ name: "GET", door: "publicRoute" }] });
    expect(entries.find((entry) => entry.path === "/api/v1/credentials")?.exports.map((e) => e.door)).toEqual(["withApiKey", "withApiKey"]);
    for (const entry of routes) for (const handler of entry.exports) expect(HTTP_METHODS as readonly string[], entry.file).toContain(handler.name);
  });

  it("builds every exported handler and action with a door, or names why not", () => {
    const missing = entries.flatMap((entry) =>
      entry.exports
        .filter((handler) => handler.door === null && !ALLOWED_WITHOUT_DOOR[entry.file]?.exports.includes(handler.name))
        .map((handler) => `${entry.file} ${handler.name}`),
    );
    expect(missing).toEqual([]);
  });

  it("keeps the allow-list honest: each entry exists and still has no door", () => {
    for (const [file, allowed] of Object.entries(ALLOWED_WITHOUT_DOOR)) {
      const entry = entries.find((candidate) => candidate.file === file);
      expect(entry, file).toBeDefined();
      expect(entry!.exports.filter((handler) => handler.door === null).map((handler) => handler.name).sort()).toEqual([...allowed.exports].sort());
      expect(allowed.reason.length).toBeGreaterThan(20);
    }
  });

  it("only counts a door imported from its own module", () => {
    expect(exportsOf(`export async function GET() {}`)).toEqual([{ name: "GET", door: null }]);
    expect(exportsOf(`const handler = () => 1;\nexport { handler as GET, handler as POST };`)).toEqual([{ name: "GET", door: null }, { name: "POST", door: null }]);
    expect(exportsOf(`import { withOrg } from "./my-guard";\nexport const GET = withOrg({ role: "owner" }, h);`)).toEqual([{ name: "GET", door: null }]);
    expect(exportsOf(`import { withOrg } from "@/lib/auth/guard";\nexport const GET = withOrg<{ org: string; id: string }>({ role: "owner" }, h);\nexport const dynamic = "force-dynamic";`)).toEqual([{ name: "GET", door: "withOrg" }]);
    expect(exportsOf(`import { publicRoute } from "@/lib/http/public-route";\nexport const GET = wrap(publicRoute({ params: {}, cache: "none" }, h));`)).toEqual([{ name: "GET", door: null }]);
  });
});

// Path parameters as an attacker writes them: Next.js hands them over decoded when it can.
const MALFORMED = ["\u0000", "a\u0000b", "%E0%A4%A", "%", "x".repeat(5000), "../../etc/passwd", "<script>", "\ud800", " "];

describe("public routes refuse malformed path parameters before any query", () => {
  const publicEntries = entries.filter((entry) => entry.exports.some((handler) => handler.door === "publicRoute") && entry.params.length > 0);

  it("covers the credential, issuer, achievement, profile and share routes", () => {
    const paths = publicEntries.map((entry) => entry.path);
    for (const path of ["/c/[id]/credential.json", "/o/[orgId]/status/[listId]", "/b/[id]/v/[version]/image.png", "/u/[handle]/photo", "/s/[code]"]) expect(paths).toContain(path);
  });

  for (const entry of publicEntries) {
    it(`${entry.path} answers the one 404`, async () => {
      for (const handler of entry.exports) {
        const call = await routeHandler(entry, handler.name);
        for (const param of entry.params) {
          for (const bad of MALFORMED) {
            const params = Object.fromEntries(entry.params.map((name) => [name, name === param ? bad : "abc123"]));
            const response = await call(new Request("http://localhost/x", { method: handler.name }), { params: Promise.resolve(params) });
            expect(response.status, `${handler.name} ${entry.path} ${param}=${JSON.stringify(bad.slice(0, 20))}`).toBe(404);
            expect(await response.json()).toEqual({ error: { code: "not_found", message: "Not found", details: {} } });
            expect(response.headers.get("cache-control")).toBe("no-store");
          }
        }
      }
    });
  }
});


describe("public pages refuse malformed path parameters before any query", () => {
  it("load nothing for a malformed id or handle: the page's 404, never a database error", async () => {
    const { loadCredentialPage, loadAchievementPage, loadIssuerPage, loadProfilePage, loadPublicCredential } = await import("@/lib/public/loaders");
    const { credentialEmbedData, issuerWallData } = await import("@/lib/sharing/embed-data");
    for (const bad of MALFORMED) {
      for (const load of [loadCredentialPage, loadAchievementPage, loadIssuerPage, loadProfilePage, loadPublicCredential, credentialEmbedData, issuerWallData]) {
        await expect((load as (value: string) => Promise<unknown>)(bad), JSON.stringify(bad.slice(0, 20))).resolves.toBeNull();
      }
    }
  });
});
