import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeRecipientEmail } from "@/lib/issuing/resend-credential";
import { createUser, uniqueEmail } from "@/lib/test/factories";
import { canViewCredential } from "./access";
import { createIssuer, createLearner, issueTo } from "./backpack-fixtures";
import { listBackpack } from "./backpack-items";
import { acceptCredential, claimView } from "./claim-credential";
import { claimToken } from "./claim-token";
import { declineCredential } from "./decline-credential";
import { parseBackpackQuery } from "./schemas";
import { syncBackpackEntries } from "./sync-entries";

const events = async (credentialId: string) =>
  (await db.credentialEvent.findMany({ where: { credentialId }, orderBy: { createdAt: "asc" } })).map((event) => event.type);

describe("the claim page of a private credential", () => {
  it("shows nothing to strangers, signed in or not; only to the link's holder, the learner and the issuer's members", async () => {
    const { org, achievement } = await createIssuer();
    const { user: learner } = await createLearner();
    const issued = await issueTo(org.id, achievement.id, learner.email);
    const { entryId } = await acceptCredential(learner.id, issued.id);
    await db.backpackEntry.update({ where: { id: entryId }, data: { visibility: "private" } });
    const stranger = await createUser();
    const owner = await db.membership.findFirstOrThrow({ where: { organizationId: org.id }, select: { userId: true } });

    expect(await claimView(issued.id, null, null)).toBeNull();
    expect(await claimView(issued.id, "forged", null)).toBeNull();
    expect(await claimView(issued.id, null, stranger.id)).toBeNull();
    expect(await claimView(issued.id, claimToken(issued.id, "someone@else.example"), stranger.id)).toBeNull();

    expect(await claimView(issued.id, null, learner.id)).toMatchObject({ status: "accepted", credential: { name: "Team Leadership" } });
    expect(await claimView(issued.id, null, owner.userId)).toMatchObject({ credential: { organization: { name: "Backpack Academy" } } });
    expect(await claimView(issued.id, claimToken(issued.id, learner.email), null)).toMatchObject({ status: "signed_out", tokenValid: true });

    // Public again: the page shows what /c/{id} shows anyway.
    await db.backpackEntry.update({ where: { id: entryId }, data: { visibility: "public" } });
    expect(await claimView(issued.id, null, null)).toMatchObject({ status: "signed_out", credential: { name: "Team Leadership" } });
  });
});

describe("claiming from the link in the email", () => {
  it("a valid link opened by the account holding the address verifies it; accepting claims the credential", async () => {
    const { org, achievement } = await createIssuer();
    const { user, emails } = await createLearner([{ verified: false }]);
    const issued = await issueTo(org.id, achievement.id, emails[0]);

    const view = await claimView(issued.id, claimToken(issued.id, emails[0]), user.id);
    expect(view).toMatchObject({ status: "ready", tokenValid: true, credential: { name: "Team Leadership", organization: { name: "Backpack Academy" } } });
    expect((await db.userEmail.findUniqueOrThrow({ where: { email: emails[0] } })).verifiedAt).toBeInstanceOf(Date);

    const { entryId } = await acceptCredential(user.id, issued.id);
    const entry = await db.backpackEntry.findUniqueOrThrow({ where: { id: entryId }, include: { credential: true } });
    expect(entry).toMatchObject({ userId: user.id, state: "accepted" });
    expect(entry.acceptedAt).toBeInstanceOf(Date);
    expect(entry.credential?.claimedAt).toBeInstanceOf(Date);
    // Following the link is the claim email opened (written just after, like page views).
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await events(issued.id)).toEqual(["issued", "opened", "claimed"]);
    expect(await claimView(issued.id, null, user.id)).toMatchObject({ status: "accepted", entryId });

    // Accepting again keeps the first claim date.
    const claimedAt = entry.credential!.claimedAt!;
    await acceptCredential(user.id, issued.id);
    expect((await db.credential.findUniqueOrThrow({ where: { id: issued.id } })).claimedAt).toEqual(claimedAt);
  });

  it("a signed-up account's unverified primary address is verified by the link", async () => {
    const { org, achievement } = await createIssuer();
    const email = uniqueEmail("fresh");
    const user = await db.user.create({ data: { email, name: "Fresh", emails: { create: { email } } } });
    const issued = await issueTo(org.id, achievement.id, email);
    expect(await claimView(issued.id, "forged", user.id)).toMatchObject({ status: "unverified" });
    await expect(acceptCredential(user.id, issued.id)).rejects.toMatchObject({ code: "forbidden" });

    expect(await claimView(issued.id, claimToken(issued.id, email), user.id)).toMatchObject({ status: "ready" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeInstanceOf(Date);
    await acceptCredential(user.id, issued.id);
  });

  it("a forged token never verifies an address nor claims", async () => {
    const { org, achievement } = await createIssuer();
    const { user, emails } = await createLearner([{ verified: false }]);
    const issued = await issueTo(org.id, achievement.id, emails[0]);
    const view = await claimView(issued.id, claimToken(issued.id, emails[0]).replace(/.$/, (c) => (c === "A" ? "B" : "A")), user.id);
    expect(view).toMatchObject({ status: "unverified", tokenValid: false, recipientEmail: null });
    expect((await db.userEmail.findUniqueOrThrow({ where: { email: emails[0] } })).verifiedAt).toBeNull();
    await expect(acceptCredential(user.id, issued.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.backpackEntry.count({ where: { credentialId: issued.id } })).toBe(0);
  });

  it("someone signed in with another address is refused, even with the valid link", async () => {
    const { org, achievement } = await createIssuer();
    const recipient = uniqueEmail("jane");
    const issued = await issueTo(org.id, achievement.id, recipient);
    const { user: stranger } = await createLearner();
    const view = await claimView(issued.id, claimToken(issued.id, recipient), stranger.id);
    expect(view?.status).toBe("wrong_account");
    expect(view?.maskedEmail).toBe(`${recipient[0]}•••@example.com`);
    await expect(acceptCredential(stranger.id, issued.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(declineCredential(stranger.id, issued.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.backpackEntry.count({ where: { credentialId: issued.id } })).toBe(0);
    expect(await db.credential.findUniqueOrThrow({ where: { id: issued.id } })).toMatchObject({ claimedAt: null });
  });

  it("signed out, the page offers sign-up with the address only to a holder of the valid link", async () => {
    const { org, achievement } = await createIssuer();
    const recipient = uniqueEmail("lee");
    const issued = await issueTo(org.id, achievement.id, recipient);
    expect(await claimView(issued.id, claimToken(issued.id, recipient), null)).toMatchObject({ status: "signed_out", recipientEmail: recipient });
    expect(await claimView(issued.id, "nope", null)).toMatchObject({ status: "signed_out", recipientEmail: null });
    expect(await claimView("no-such-credential", "nope", null)).toBeNull();
  });

  it("changing a credential's address makes the old link worthless", async () => {
    const { org, achievement } = await createIssuer();
    const { user, emails } = await createLearner([{ verified: false }]);
    const issued = await issueTo(org.id, achievement.id, emails[0]);
    const oldToken = claimToken(issued.id, emails[0]);
    const corrected = uniqueEmail("corrected");
    await changeRecipientEmail(org.id, issued.id, corrected);
    // The old holder's account no longer holds the recipient address, and the token names the old one.
    expect(await claimView(issued.id, oldToken, user.id)).toMatchObject({ status: "wrong_account", tokenValid: false });
    const { user: newHolder } = await createLearner([{ email: corrected, verified: false }]);
    expect(await claimView(issued.id, oldToken, newHolder.id)).toMatchObject({ status: "unverified" });
    expect(await claimView(issued.id, claimToken(issued.id, corrected), newHolder.id)).toMatchObject({ status: "ready" });
  });
});

describe("declining", () => {
  it("hides the credential from the backpack but it stays verifiable; restoring accepts it again", async () => {
    const { org, achievement } = await createIssuer();
    const { user } = await createLearner();
    const issued = await issueTo(org.id, achievement.id, user.email);
    await syncBackpackEntries(user.id);
    await declineCredential(user.id, issued.id);

    expect(await events(issued.id)).toEqual(["issued", "declined"]);
    expect((await listBackpack(user.id, parseBackpackQuery({}))).items).toEqual([]);
    const declined = await listBackpack(user.id, parseBackpackQuery({ show: "declined" }));
    expect(declined.items.map((item) => [item.credentialId, item.state])).toEqual([[issued.id, "declined"]]);
    expect(await canViewCredential(issued.id, null)).toBe(true);
    expect(await claimView(issued.id, null, user.id)).toMatchObject({ status: "declined" });
    // A later load does not bring it back as pending.
    expect(await syncBackpackEntries(user.id)).toBe(0);

    await acceptCredential(user.id, issued.id);
    expect((await listBackpack(user.id, parseBackpackQuery({}))).items.map((item) => item.state)).toEqual(["accepted"]);
  });
});

describe("one backpack for all addresses", () => {
  it("collects credentials sent to every verified address, and none sent to an unverified one", async () => {
    const { org, achievement } = await createIssuer();
    const { user, emails } = await createLearner([{ verified: true }, { verified: false }]);
    const [toPrimary, toSecond, toUnverified] = await Promise.all([
      issueTo(org.id, achievement.id, user.email),
      issueTo(org.id, achievement.id, emails[0]),
      issueTo(org.id, achievement.id, emails[1]),
    ]);
    const someoneElse = await createUser();
    await issueTo(org.id, achievement.id, someoneElse.email);

    expect(await syncBackpackEntries(user.id)).toBe(2);
    expect(await syncBackpackEntries(user.id)).toBe(0);
    const listing = await listBackpack(user.id, parseBackpackQuery({}));
    expect(listing.items.map((item) => item.credentialId).sort()).toEqual([toPrimary.id, toSecond.id].sort());
    expect(listing.items.every((item) => item.state === "pending")).toBe(true);
    expect(listing.items.map((item) => item.credentialId)).not.toContain(toUnverified.id);

    // Once verified, the third address's credential joins on the next load.
    await db.userEmail.update({ where: { email: emails[1] }, data: { verifiedAt: new Date() } });
    expect(await syncBackpackEntries(user.id)).toBe(1);
  });

  it("a primary address counts only once the account's email is verified", async () => {
    const { org, achievement } = await createIssuer();
    const email = uniqueEmail("unverified-primary");
    const user = await db.user.create({ data: { email, emails: { create: { email } } } });
    await issueTo(org.id, achievement.id, email);
    expect(await syncBackpackEntries(user.id)).toBe(0);
  });
});
