// URLs as input, against a real HTTP server on 127.0.0.1: reachable only through allowOrigins.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOb2Assertion, buildOb2BadgeClass, buildOb2Issuer, hashOb2Identity } from "../ob2";
import { verifyCredential } from "./index";
import { documentFetcher, ob30Documents, OB30_DIR } from "./test/fixture-documents";
import { createTestIssuer, type TestIssuer } from "./test/laurel-issuer";

const NOW = new Date("2026-01-01T00:00:00Z");
const FIFTY_MB = 50 * 1024 * 1024;

type Route = { status?: number; type?: string; body: string | Uint8Array } | "huge";

let server: Server;
let origin: string;
let connections = 0;
const routes = new Map<string, Route>();
let issuer: TestIssuer;

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? "");
    if (!route) return void res.writeHead(404).end();
    if (route === "huge") {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < FIFTY_MB) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.removeAllListeners("drain"));
      return pump();
    }
    res.writeHead(route.status ?? 200, { "content-type": route.type ?? "application/json" }).end(route.body);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // A Laurel-style issuer living on the local server: profile, status lists, credentials.
  issuer = await createTestIssuer({ origin });
  for (const [url, document] of Object.entries(issuer.documents)) {
    routes.set(new URL(url).pathname, { type: "application/ld+json", body: JSON.stringify(document) });
  }
  const { credential, jwt } = await issuer.issue({ id: `${origin}/c/cred_1` });
  routes.set("/c/cred_1", { type: "application/ld+json", body: JSON.stringify(credential) });
  routes.set("/c/cred_1/credential.jwt", { type: "application/jwt", body: jwt });
  routes.set("/badges/simple-json.png", { type: "image/png", body: readFileSync(path.join(OB30_DIR, "simple-json.png")) });
  routes.set("/badges/simple-jwt.svg", { type: "image/svg+xml", body: readFileSync(path.join(OB30_DIR, "simple-jwt.svg")) });
  routes.set("/badges/mislabelled", { type: "text/plain", body: readFileSync(path.join(OB30_DIR, "simple.json")) });
  routes.set("/huge.json", "huge");
  routes.set("/not-a-badge", { type: "text/html", body: "<html><body>Nothing here</body></html>" });

  // OB 2.0 hosted: the assertion's id is its URL; 410 Gone once revoked.
  const ob2Issuer = buildOb2Issuer({ id: `${origin}/ob2/issuer`, name: "Local Academy", url: origin, email: "badges@academy.example" });
  const badge = buildOb2BadgeClass({ id: `${origin}/ob2/badge`, issuer: `${origin}/ob2/issuer`, name: "Local Badge", description: "A badge.", image: `${origin}/ob2/badge.png`, criteria: { narrative: "Do it." } });
  const assertion = (id: string) => buildOb2Assertion({ id: `${origin}/ob2/${id}`, badge: `${origin}/ob2/badge`, recipient: { identity: hashOb2Identity("lee@example.org", "5a1t"), salt: "5a1t" }, issuedOn: new Date("2025-01-01T00:00:00Z") });
  routes.set("/ob2/issuer", { body: JSON.stringify(ob2Issuer) });
  routes.set("/ob2/badge", { body: JSON.stringify(badge) });
  routes.set("/ob2/a1", { body: JSON.stringify(assertion("a1")) });
  routes.set("/ob2/revoked", { status: 410, body: JSON.stringify({ id: `${origin}/ob2/revoked`, revoked: true }) });
  routes.set("/ob2/revoked.json", { body: JSON.stringify(assertion("revoked")) });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("URL input through allowOrigins", () => {
  it("a credential URL: the JSON-LD, its issuer profile and its status list are all fetched and verified", async () => {
    const result = await verifyCredential(`${origin}/c/cred_1`, { now: NOW, allowOrigins: [origin] });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ valid: true, format: "ob3-jsonld" });
    expect(result.checks.find((c) => c.check === "status")?.code).toBe("active");
  });

  it("a VC-JWT URL", async () => {
    const result = await verifyCredential(`${origin}/c/cred_1/credential.jwt`, { now: NOW, allowOrigins: [origin] });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result).toMatchObject({ valid: true, format: "ob3-jwt" });
  });

  it("baked PNG and SVG URLs, and JSON served with the wrong content type", async () => {
    // The 1EdTech fixtures point at example.com issuers; those profiles come from the fixture server.
    const fetchRemote = documentFetcher(ob30Documents());
    for (const [route, format] of [["/badges/simple-json.png", "ob3-jsonld"], ["/badges/mislabelled", "ob3-jsonld"]]) {
      const result = await verifyCredential(`${origin}${route}`, { now: NOW, allowOrigins: [origin], fetchRemote });
      expect(result.checks.filter((c) => !c.ok), route).toEqual([]);
      expect(result).toMatchObject({ valid: true, format });
    }
    // 1EdTech's baked VC-JWT is read from its URL and its signature checks out; only the missing
    // sub claim (its subject has an id) fails it.
    const jwt = await verifyCredential(`${origin}/badges/simple-jwt.svg`, { now: NOW, allowOrigins: [origin], fetchRemote });
    expect(jwt.format).toBe("ob3-jwt");
    expect(jwt.checks.filter((c) => !c.ok).map((c) => [c.check, c.code])).toEqual([["proof", "jwt_claims_invalid"]]);
    expect(jwt.checks.find((c) => c.check === "proof")?.message).toContain("sub is missing");
  });

  it("an OB 2.0 hosted assertion URL verifies; a revoked one (410 Gone) fails status", async () => {
    const ok = await verifyCredential(`${origin}/ob2/a1`, { now: NOW, allowOrigins: [origin] });
    expect(ok.checks.filter((c) => !c.ok)).toEqual([]);
    expect(ok).toMatchObject({ valid: true, format: "ob2-hosted" });

    const gone = await verifyCredential(`${origin}/ob2/revoked`, { now: NOW, allowOrigins: [origin] });
    expect(gone).toMatchObject({ valid: false, verdict: "invalid", error: { code: "gone" } });

    // The badge was downloaded while it was valid; its id now answers 410.
    const copy = JSON.parse((routes.get("/ob2/revoked.json") as { body: string }).body);
    const revoked = await verifyCredential(copy, { now: NOW, allowOrigins: [origin] });
    expect(revoked.valid).toBe(false);
    expect(revoked.checks.find((c) => c.check === "status")).toMatchObject({ ok: false, code: "revoked" });
  });

  it("a 50 MB body is refused without being read", async () => {
    const result = await verifyCredential(`${origin}/huge.json`, { allowOrigins: [origin] });
    expect(result).toMatchObject({ valid: false, error: { code: "body_too_large" } });
  });

  it("a page that is not a badge, and a 404, are clear errors", async () => {
    expect((await verifyCredential(`${origin}/not-a-badge`, { allowOrigins: [origin] })).error?.code).toBe("input_unrecognized");
    expect((await verifyCredential(`${origin}/missing`, { allowOrigins: [origin] })).error?.code).toBe("http_status");
  });
});

describe("the same URLs without allowOrigins", () => {
  it("are refused before any connection is made", async () => {
    const before = connections;
    // http is asked for over https (never plain http from the internet), then refused for its address.
    const http = await verifyCredential(`${origin}/c/cred_1`);
    expect(http).toMatchObject({ valid: false, error: { code: "url_forbidden_address" } });
    const https = await verifyCredential(`${origin.replace("http:", "https:")}/c/cred_1`);
    expect(https).toMatchObject({ valid: false, error: { code: "url_forbidden_address" } });
    const byName = await verifyCredential(`https://localhost:${new URL(origin).port}/c/cred_1`);
    expect(byName).toMatchObject({ valid: false, error: { code: "url_forbidden_address" } });
    expect(connections).toBe(before);
  });

  it("and a credential handed over directly cannot make the verifier fetch its local issuer", async () => {
    const before = connections;
    const credential = JSON.parse((routes.get("/c/cred_1") as { body: string }).body);
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.valid).toBe(false);
    expect(result.checks.find((c) => c.check === "proof")).toMatchObject({ ok: false, code: "key_unavailable" });
    expect(result.checks.find((c) => c.check === "status")).toMatchObject({ ok: false, code: "status_unavailable" });
    expect(connections).toBe(before);
  });
});
