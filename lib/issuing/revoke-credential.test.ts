import { beforeAll, describe, expect, it } from "vitest";
import { db, ensureDb } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createAchievement } from "./achievements";
import { issueCredential } from "./issue-credential";
import { revokeCredential } from "./revoke-credential";
import { revokeCredentials } from "./revoke-credentials";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";

async function orgWithCredentials(count: number) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }]);
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "First Aid", description: "Knows first aid.", criteria: { narrative: "Attend." } }));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail(`r${i}`) } }), { notify: false });
    ids.push(issued.id);
  }
  return { org, owner, ids };
}

const revokedEvents = (credentialId: string) => db.credentialEvent.count({ where: { credentialId, type: "revoked" } });
const revokedAudits = (credentialId: string) => db.auditLog.count({ where: { targetId: credentialId, action: "credential.revoked" } });

// The database (on the embedded one, created and migrated now) is ready before the first test's clock starts.
beforeAll(() => ensureDb());

describe("revoking a credential", () => {
  it("ten parallel revokes of one credential: one succeeds, nine are told it is already revoked, one event", async () => {
    const { org, ids } = await orgWithCredentials(1);
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => revokeCredential(org.id, ids[0], `reason ${i}`)));
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const error of lost) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("conflict");
      expect((error as AppError).message).toBe("This credential is already revoked");
    }
    expect(await revokedEvents(ids[0])).toBe(1);
    expect(await revokedAudits(ids[0])).toBe(1);
    const credential = await db.credential.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(credential.revocationReason).toMatch(/^reason \d$/);
    expect(credential.revokedAt?.getTime()).toBe((won[0] as PromiseFulfilledResult<{ revokedAt: Date }>).value.revokedAt.getTime());
  });

  it("another organization's credential is not found, and stays as it was", async () => {
    const { ids } = await orgWithCredentials(1);
    const other = await orgWithCredentials(0);
    await expect(revokeCredential(other.org.id, ids[0], "not mine")).rejects.toMatchObject({ code: "not_found" });
    expect((await db.credential.findUniqueOrThrow({ where: { id: ids[0] } })).revokedAt).toBeNull();
    expect(await revokedEvents(ids[0])).toBe(0);
  });

  it("parallel bulk revokes of the same credentials revoke each once, with one event each", async () => {
    const { org, ids } = await orgWithCredentials(4);
    const results = await Promise.all(Array.from({ length: 5 }, () => revokeCredentials(org.id, ids, "course cancelled")));
    // Across the five requests every credential was revoked exactly once and skipped four times.
    const revoked = results.flatMap((result) => result.revoked).sort();
    expect(revoked).toEqual([...ids].sort());
    const skipped = results.flatMap((result) => result.skipped);
    expect(skipped).toHaveLength(ids.length * 4);
    expect(skipped.every((entry) => entry.code === "conflict")).toBe(true);
    for (const id of ids) expect(await revokedEvents(id)).toBe(1);
  });
});
