import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { bakePng, unbakePng } from "@/lib/ob/bake";
import { DCC_DIR } from "@/lib/ob/verify/test/fixture-documents";
import { createOrgWith, createUser } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";
import { canViewCredential, credentialVisibility } from "./access";
import { acceptCredential } from "./claim-credential";
import { deleteAccount } from "./delete-account";
import { exportAccount } from "./export-account";
import { importCredential } from "./import-credential";
import { syncBackpackEntries } from "./sync-entries";
import { setEntryVisibility } from "./update-entry";
import { verifyIssuedCredential } from "./verify";

async function learnerWithBadges() {
  const learner = await createUser({ name: "Export Learner" });
  await db.user.update({ where: { id: learner.id }, data: { handle: `exp-${learner.id.slice(-8)}`, headline: "Collects badges" } });
  const issuerOwner = await createUser();
  const org = await createOrgWith([{ userId: issuerOwner.id, role: "owner" }], "Export Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Exported Skill", description: "Kept forever.", criteria: { narrative: "Do it." } }));
  const issued = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: learner.email } }), { notify: false });
  const { entryId: laurelEntry } = await acceptCredential(learner.id, issued.id);
  const imported = await importCredential(learner.id, { source: "upload", bytes: bakePng(solidPng(8), readFileSync(path.join(DCC_DIR, "v2OBv3SpecExample.json"), "utf8")) });
  if (imported.status !== "imported") throw new Error("import failed");
  const collection = await db.collection.create({
    data: { userId: learner.id, name: "Favourites", items: { create: [{ entryId: imported.entryId, position: 0 }, { entryId: laurelEntry, position: 1 }] } },
  });
  // A wallet the learner connected through the Open Badges API.
  const wallet = await db.oAuthClient.create({
    data: { id: `lc_export${learner.id.slice(-14)}`, name: "Export Wallet", clientUri: "https://wallet.example", redirectUris: ["https://wallet.example/cb"], scopes: [], tokenEndpointAuthMethod: "none" },
  });
  await db.oAuthGrant.create({ data: { userId: learner.id, clientId: wallet.id, scopes: ["https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"] } });
  return { learner, org, issuerOwner, issued, laurelEntry, importedEntry: imported.entryId, collection };
}

describe("exporting an account", () => {
  it("zips the profile, every credential as issued, baked images and collections", async () => {
    const { learner, issued, laurelEntry, importedEntry, collection } = await learnerWithBadges();
    const files = unzipSync((await exportAccount(learner.id))!);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "README.txt",
        "profile.json",
        "entries.json",
        "collections.json",
        `credentials/${laurelEntry}.json`,
        `credentials/${laurelEntry}.jwt`,
        `images/${laurelEntry}.png`,
        `credentials/${importedEntry}.json`,
        `images/${importedEntry}.png`,
      ]),
    );
    const profile = JSON.parse(strFromU8(files["profile.json"]));
    expect(profile).toMatchObject({ name: "Export Learner", headline: "Collects badges", handle: expect.stringMatching(/^exp-/) });
    expect(profile.emails).toEqual([expect.objectContaining({ email: learner.email, verified: true })]);

    const stored = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    expect(JSON.parse(strFromU8(files[`credentials/${laurelEntry}.json`]))).toEqual(stored.document);
    expect(strFromU8(files[`credentials/${laurelEntry}.jwt`]).trim()).toBe(stored.jwt);
    // The Laurel badge image carries its signed credential.
    expect(JSON.parse(unbakePng(files[`images/${laurelEntry}.png`])!.payload)).toEqual(stored.document);
    expect(JSON.parse(strFromU8(files[`credentials/${importedEntry}.json`])).id).toBe("http://example.com/credentials/3527");

    expect(JSON.parse(strFromU8(files["collections.json"]))).toEqual([
      expect.objectContaining({ id: collection.id, name: "Favourites", entries: [importedEntry, laurelEntry] }),
    ]);
    const entries = JSON.parse(strFromU8(files["entries.json"]));
    expect(entries.map((entry: { name: string }) => entry.name)).toEqual(["Exported Skill", "Teamwork"]);
    expect(strFromU8(files["README.txt"])).toContain("collections.json");
    expect(JSON.parse(strFromU8(files["connected-apps.json"]))).toEqual([
      { name: "Export Wallet", clientUri: "https://wallet.example", scopes: ["https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"], connectedAt: expect.any(String), lastUsedAt: null },
    ]);
  });

  it("has nothing for an unknown account", async () => {
    expect(await exportAccount("no-such-user")).toBeNull();
  });
});

describe("deleting an account", () => {
  it("needs the email address or DELETE typed, then removes the person but not the credentials issued to them", async () => {
    const { learner, issued, laurelEntry, collection } = await learnerWithBadges();
    await expect(deleteAccount(learner.id, "delete")).rejects.toMatchObject({ fields: { confirm: { code: "delete_confirm_mismatch" } } });
    await expect(deleteAccount(learner.id, "")).rejects.toMatchObject({ fields: { confirm: { code: "delete_confirm_mismatch" } } });
    expect(await db.user.count({ where: { id: learner.id } })).toBe(1);

    await deleteAccount(learner.id, `  ${learner.email.toUpperCase()} `);
    expect(await db.user.count({ where: { id: learner.id } })).toBe(0);
    expect(await db.backpackEntry.count({ where: { id: laurelEntry } })).toBe(0);
    expect(await db.backpackEntry.count({ where: { userId: learner.id } })).toBe(0);
    expect(await db.collection.count({ where: { id: collection.id } })).toBe(0);
    expect(await db.userEmail.count({ where: { email: learner.email } })).toBe(0);

    const credential = await db.credential.findUniqueOrThrow({ where: { id: issued.id } });
    expect(credential.recipientEmail).toBe(learner.email.toLowerCase());
    expect((await verifyIssuedCredential(issued.id))?.valid).toBe(true);
  });

  it("keeps a credential the learner made private private after the account is gone, until its address is verified again", async () => {
    const { learner, org, issued, laurelEntry } = await learnerWithBadges();
    await setEntryVisibility(learner.id, laurelEntry, "private");
    await deleteAccount(learner.id, "DELETE");

    // No owner left, still private: strangers get nothing, the issuer still sees it.
    const orphan = await db.backpackEntry.findUniqueOrThrow({ where: { id: laurelEntry } });
    expect(orphan).toMatchObject({ userId: null, visibility: "private", pinPosition: null });
    expect(await credentialVisibility(issued.id)).toBe("private");
    expect(await canViewCredential(issued.id, null)).toBe(false);
    const issuerMember = await db.membership.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(await canViewCredential(issued.id, issuerMember.userId)).toBe(true);

    // Whoever verifies that address next finds it in their backpack, still private: through the
    // claim link (accepting adopts it) or simply by opening the backpack.
    const returning = await createUser({ email: learner.email });
    await db.user.update({ where: { id: returning.id }, data: { emailVerified: new Date() } });
    expect(await acceptCredential(returning.id, issued.id)).toEqual({ entryId: laurelEntry });
    await syncBackpackEntries(returning.id);
    expect(await db.backpackEntry.findUniqueOrThrow({ where: { id: laurelEntry } })).toMatchObject({ userId: returning.id, visibility: "private" });
    expect(await canViewCredential(issued.id, returning.id)).toBe(true);
  });

  it("refuses while the person is an organization's last owner, and allows it once another owner exists", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Only Owner Org");
    await expect(deleteAccount(owner.id, "DELETE")).rejects.toMatchObject({
      code: "conflict",
      fields: { confirm: { code: "last_owner_of_org", params: { org: "Only Owner Org" } } },
    });
    expect(await db.user.count({ where: { id: owner.id } })).toBe(1);

    const second = await createUser();
    await db.membership.create({ data: { organizationId: org.id, userId: second.id, role: "owner" } });
    await deleteAccount(owner.id, "DELETE");
    expect(await db.user.count({ where: { id: owner.id } })).toBe(0);
    expect(await db.membership.findMany({ where: { organizationId: org.id }, select: { userId: true } })).toEqual([{ userId: second.id }]);
  });
});
