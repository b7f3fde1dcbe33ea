import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { fetchRemoteWithLaurel, laurelCredentialId, verifyIssuedCredential } from "./verify";

async function issueOne() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Verify Helpers Academy");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Careful Reader", description: "Reads closely.", criteria: { narrative: "Read a book." } }),
  );
  const issued = await issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner") } }),
    { notify: false },
  );
  return { org, achievement, issued };
}

describe("verifying Laurel's own credentials", () => {
  it("a fresh credential passes all five checks, with Laurel's documents served from the database", async () => {
    const { issued } = await issueOne();
    const result = await verifyIssuedCredential(issued.id);
    expect(result?.checks.map((check) => [check.check, check.ok])).toEqual([
      ["proof", true],
      ["schema", true],
      ["dates", true],
      ["status", true],
      ["issuer", true],
    ]);
    expect(result?.valid).toBe(true);
  });

  it("a revoked credential fails on status", async () => {
    const { org, issued } = await issueOne();
    await revokeCredential(org.id, issued.id, "Issued by mistake");
    const result = await verifyIssuedCredential(issued.id);
    expect(result?.valid).toBe(false);
    expect(result?.checks.find((check) => check.check === "status")).toMatchObject({ ok: false, code: "revoked" });
    expect(result?.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual(["status"]);
  });

  it("answers null for an unknown credential", async () => {
    expect(await verifyIssuedCredential("no-such-credential")).toBeNull();
  });

  it("serves Laurel's public documents and answers 404 / 410 as the routes do", async () => {
    const { org, achievement, issued } = await issueOne();
    expect(await fetchRemoteWithLaurel(publicUrls.issuer(org.id))).toMatchObject({ id: publicUrls.issuer(org.id) });
    expect(await fetchRemoteWithLaurel(publicUrls.achievement(achievement.id))).toMatchObject({ id: publicUrls.achievement(achievement.id) });
    expect(await fetchRemoteWithLaurel(publicUrls.credential(issued.id))).toMatchObject({ id: publicUrls.credential(issued.id) });
    expect(await fetchRemoteWithLaurel(publicUrls.ob2Assertion(issued.id))).toMatchObject({ id: publicUrls.ob2Assertion(issued.id) });
    expect(await fetchRemoteWithLaurel(publicUrls.ob2BadgeClass(achievement.id))).toMatchObject({ type: "BadgeClass" });
    expect(await fetchRemoteWithLaurel(publicUrls.ob2Issuer(org.id))).toMatchObject({ type: "Issuer" });
    await expect(fetchRemoteWithLaurel(publicUrls.credential("missing"))).rejects.toMatchObject({ status: 404 });
    await expect(fetchRemoteWithLaurel(`${publicUrls.issuer(org.id)}/nothing-here`)).rejects.toMatchObject({ status: 404 });
    await revokeCredential(org.id, issued.id, "gone");
    await expect(fetchRemoteWithLaurel(publicUrls.ob2Assertion(issued.id))).rejects.toMatchObject({ status: 410 });
    expect(laurelCredentialId(publicUrls.credential(issued.id))).toBe(issued.id);
    expect(laurelCredentialId("https://elsewhere.example/c/abc")).toBeNull();
  });

  it("still refuses other local addresses through the safe fetcher", async () => {
    await expect(fetchRemoteWithLaurel("http://169.254.169.254/latest/meta-data")).rejects.toThrow();
    await expect(fetchRemoteWithLaurel("https://127.0.0.1:1/x")).rejects.toMatchObject({ code: "url_forbidden_address" });
  });
});
