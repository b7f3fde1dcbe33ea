import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { revokeCredential } from "@/lib/issuing/revoke-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { credentialEmbedData, issuerWallData, WALL_SIZE } from "./embed-data";
import { shareTargets } from "./share-targets";

async function academy() {
  const org = await createOrgWith([], "Wall Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Walls", description: "Builds walls.", criteria: { narrative: "Build." } }));
  const issue = (name: string, validFrom?: string) =>
    issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail(), name }, ...(validFrom ? { validFrom } : {}) }), { notify: false });
  return { org, achievement, issue };
}

async function holdIn(credentialId: string, state: "accepted" | "pending" | "declined", visibility: "public" | "private") {
  const user = await createUser();
  await db.backpackEntry.create({ data: { userId: user.id, credentialId, state, visibility } });
}

describe("embeds", () => {
  it("a credential's card links to its embed share link; a private one cannot be embedded", async () => {
    const { issue } = await academy();
    const shown = await issue("Ada Lovelace");
    const card = await credentialEmbedData(shown.id);
    const targets = await shareTargets(shown.id);
    expect(card).toMatchObject({ achievementName: "Walls", recipientName: "Ada Lovelace", issuerName: "Wall Academy", state: "valid" });
    expect(targets.channels.embed.trackedUrl.endsWith(card!.verifyPath)).toBe(true);

    const hidden = await issue("Hidden Person");
    await holdIn(hidden.id, "accepted", "private");
    expect(await credentialEmbedData(hidden.id)).toBeNull();
    expect(await credentialEmbedData("missing")).toBeNull();
  });

  it("an issuer's wall shows its newest accepted public credentials, at most 24, and nothing pending, revoked, declined or private", async () => {
    const { org, issue } = await academy();
    const revoked = await issue("Revoked Person", "2025-06-01T00:00:00Z");
    await revokeCredential(org.id, revoked.id, "Mistake");
    const declined = await issue("Declined Person", "2025-06-01T00:00:00Z");
    await holdIn(declined.id, "declined", "public");
    const hidden = await issue("Private Person", "2025-06-01T00:00:00Z");
    await holdIn(hidden.id, "accepted", "private");
    const accepted = await issue("Accepted Person", "2025-06-01T00:00:00Z");
    await holdIn(accepted.id, "accepted", "public");
    const pending = await issue("Pending Person", "2025-06-01T00:00:00Z");
    await holdIn(pending.id, "pending", "public");
    const shown: string[] = [accepted.id];
    for (let i = 0; i < WALL_SIZE; i++) {
      const person = await issue(`Person ${i}`);
      await holdIn(person.id, "accepted", "public");
      shown.push(person.id);
    }

    const wall = await issuerWallData(org.id);
    expect(wall!.organization.name).toBe("Wall Academy");
    expect(wall!.credentials).toHaveLength(WALL_SIZE);
    // Newest first: the last 24 issued, in reverse order.
    expect(wall!.credentials.map((c) => c.id)).toEqual(shown.slice(-WALL_SIZE).reverse());

    // With the newer ones gone, the older public ones show, and the others never do.
    await db.credential.updateMany({ where: { id: { in: shown.slice(1) } }, data: { revokedAt: new Date() } });
    const names = (await issuerWallData(org.id))!.credentials.map((c) => c.recipientName).sort();
    expect(names).toEqual(["Accepted Person"]);
    expect(await issuerWallData("missing")).toBeNull();
  });
});
