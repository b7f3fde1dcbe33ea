import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as verifyRoute from "@/app/api/v1/verify/route";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { PUBLIC_RATE_LIMITS } from "@/lib/http/public-route";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { bakePng } from "@/lib/ob/bake";
import { DCC_DIR } from "@/lib/ob/verify/test/fixture-documents";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";

type Answer = { status: number; json: Record<string, any>; headers: Headers };

let ipCounter = 0;
const newIp = () => `203.0.113.${(ipCounter = (ipCounter % 250) + 1)}`;

async function post(body: BodyInit, contentType: string | null, ip: string | null = null): Promise<Answer> {
  const headers: Record<string, string> = ip ? { [PEER_ADDRESS_HEADER]: ip } : {};
  if (contentType) headers["content-type"] = contentType;
  const response = await verifyRoute.POST(new Request("http://localhost/api/v1/verify", { method: "POST", headers, body }), { params: Promise.resolve({}) } as never);
  return { status: response.status, json: (await response.json()) as Record<string, any>, headers: response.headers };
}
const postJson = (body: unknown, ip?: string) => post(JSON.stringify(body), "application/json", ip);

async function laurelCredential() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Verifier Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Checked Badge", description: "Checked.", criteria: { narrative: "Be checked." } }));
  const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("checked") } }), { notify: false });
  const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id }, select: { document: true } });
  return { org, id: issued.id, document: stored.document as Record<string, unknown> };
}

const states = (answer: Answer) => Object.fromEntries((answer.json.checks as { check: string; state: string }[]).map((c) => [c.check, c.state]));

describe("POST /api/v1/verify", () => {
  it("verifies a Laurel credential sent as JSON, by its URL and baked into a PNG, saying what it fetched; revoked is invalid", async () => {
    const { org, id, document } = await laurelCredential();
    const asJson = await postJson({ credential: document });
    expect(asJson.status).toBe(200);
    expect(asJson.json).toMatchObject({ verdict: "valid", valid: true, format: "ob3-jsonld" });
    expect(states(asJson)).toEqual({ proof: "passed", schema: "passed", dates: "passed", status: "passed", issuer: "passed" });
    expect(asJson.json.fetched).toContainEqual({ url: publicUrls.issuer(org.id), ok: true });

    const byUrl = await postJson({ url: publicUrls.credential(id) });
    expect(byUrl.json).toMatchObject({ verdict: "valid", credential: { id: document.id } });
    expect(byUrl.json.fetched[0]).toEqual({ url: publicUrls.credential(id), ok: true });

    // Each of its forms is checked as that form: the VC-JWT download, the OB 2.0 hosted assertion.
    const jwtUrl = `${publicUrls.credential(id)}/credential.jwt`;
    expect((await postJson({ url: jwtUrl })).json).toMatchObject({ verdict: "valid", format: "ob3-jwt" });
    expect((await postJson({ url: publicUrls.ob2Assertion(id) })).json).toMatchObject({ verdict: "valid", format: "ob2-hosted" });

    const baked = new Uint8Array(bakePng(solidPng(64), JSON.stringify(document)));
    expect((await post(baked, "image/png")).json.verdict).toBe("valid");
    const form = new FormData();
    form.set("file", new File([baked], "badge.png", { type: "image/png" }));
    expect((await post(form, null)).json.verdict).toBe("valid");

    await revokeCredential(org.id, id, "Issued by mistake");
    const revoked = await postJson({ credential: document });
    expect(revoked.json.verdict).toBe("invalid");
    expect(revoked.json.checks.find((c: { check: string }) => c.check === "status")).toMatchObject({ state: "failed", code: "revoked" });
    const revokedJwt = await postJson({ url: jwtUrl });
    expect(revokedJwt.json).toMatchObject({ verdict: "invalid", format: "ob3-jwt" });
    // The OB 2.0 hosting answers 410 Gone for it, as its public route does.
    expect((await postJson({ url: publicUrls.ob2Assertion(id) })).json).toMatchObject({ verdict: "invalid", error: { code: "gone" } });
  });

  it("answers each verdict: a credential from another issuer, a tampered one, one it cannot check, and something that is not a badge", async () => {
    const dcc = readFileSync(path.join(DCC_DIR, "v2NoStatus.json"), "utf8");
    expect((await postJson({ credential: dcc })).json).toMatchObject({ verdict: "valid", format: "ob3-jsonld" });
    const tampered = JSON.parse(dcc) as Record<string, any>;
    tampered.credentialSubject.achievement.name = "Something Else";
    const forged = await postJson({ credential: tampered });
    expect(forged.json.verdict).toBe("invalid");
    expect(forged.json.checks.find((c: { check: string }) => c.check === "proof")).toMatchObject({ state: "failed", code: "signature_invalid" });
    // A host that does not exist: "cannot check", with the fetch it tried.
    const unreachable = await postJson({ url: "https://badges.unreachable.invalid/c/123" });
    expect(unreachable.json).toMatchObject({ verdict: "indeterminate", valid: false, error: { code: "fetch_failed" } });
    expect(unreachable.json.fetched).toEqual([{ url: "https://badges.unreachable.invalid/c/123", ok: false }]);
    expect((await post("just some words", "text/plain")).json).toMatchObject({ verdict: "unreadable", error: { code: expect.any(String) } });
  });

  it("refuses bad input with the field and the reason, and never fetches a private address", async () => {
    expect(await postJson({})).toMatchObject({ status: 422, json: { error: { code: "validation_failed", details: { url: { code: "exactly_one" } } } } });
    expect(await postJson({ url: "https://a.example/x", credential: "{}" })).toMatchObject({ status: 422, json: { error: { details: { url: { code: "exactly_one" } } } } });
    expect(await postJson({ url: "ftp://files.example/badge.json" })).toMatchObject({ status: 422, json: { error: { details: { url: { code: "url_invalid" } } } } });
    expect(await postJson({ url: "https://a.example/\u0000" })).toMatchObject({ status: 422, json: { error: { details: { url: { code: "invalid_characters" } } } } });
    expect(await postJson({ credential: "{}", extra: 1 })).toMatchObject({ status: 422 });
    expect(await post("{not json", "application/json")).toMatchObject({ status: 422, json: { error: { details: { body: { code: "json_invalid" } } } } });
    expect(await post(new Uint8Array(6 * 1024 * 1024), "image/png")).toMatchObject({ status: 422, json: { error: { details: { body: { code: "too_large" } } } } });
    // The cloud metadata address: refused as unreadable, nothing fetched from it.
    const metadata = await postJson({ url: "https://169.254.169.254/latest/meta-data" });
    expect(metadata.json).toMatchObject({ verdict: "unreadable", error: { code: "url_forbidden_address" } });
  });

  it("is rate-limited per IP address", async () => {
    const ip = newIp();
    const { limit } = PUBLIC_RATE_LIMITS.verify;
    for (let i = 0; i < limit; i++) expect((await post("x", "text/plain", ip)).status).toBe(200);
    const limited = await post("x", "text/plain", ip);
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    // Another address is not braked.
    expect((await post("x", "text/plain", newIp())).status).toBe(200);
  });

  it("can be called from any web page: the preflight is answered, and answers and refusals are readable", async () => {
    const preflight = verifyRoute.OPTIONS();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");

    const answered = await post("hello", "text/plain", newIp());
    expect(answered).toMatchObject({ status: 200, json: { verdict: "unreadable" } });
    expect(answered.headers.get("access-control-allow-origin")).toBe("*");
    const refused = await postJson({}, newIp());
    expect(refused.status).toBe(422);
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
  });
});
