import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createUser, uniqueEmail } from "@/lib/test/factories";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import {
  addEmail,
  listEmails,
  removePendingEmail,
  requestPasswordReset,
  resendSignUpLink,
  resetPassword,
  signOutEverywhere,
  signUp,
  verifyEmailToken,
} from "./account";
import { laurelAdapter } from "./adapter";
import { authenticateWithPassword } from "./authenticate";
import { hashPassword } from "./password";
import { signUpSchema } from "./schemas";

const mail = useTestSmtp();
const ip = () => `198.51.100.${Math.random()}`;

/** Waits for the next message to `address` matching `subject` (after `already` of them). */
async function nextMail(address: string, subject: RegExp, already = 0) {
  for (let i = 0; i < 50; i++) {
    const matching = mail.server().to(address).filter((m) => subject.test(m.subject ?? ""));
    if (matching.length > already) return matching[already];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No mail ${already + 1} to ${address} matching ${subject}`);
}
const mailCount = (address: string, subject: RegExp) => mail.server().to(address).filter((m) => subject.test(m.subject ?? "")).length;
const tokenIn = async (address: string, subject: RegExp, already = 0) =>
  new URL(linkIn(await nextMail(address, subject, already), "http://laurel.test/verify-email?token=")).searchParams.get("token")!;

const CONFIRM = /Confirm your Laurel account/;
const VERIFY = /Verify your email/;
const ATTEMPT = /Someone tried to create a Laurel account/;

/** A pre-existing account that holds `email` as its primary address without having proven it. */
async function unprovenAccount(email: string, password = "squatter-password") {
  return db.user.create({ data: { name: "Squatter", email, passwordHash: await hashPassword(password), emails: { create: { email } } } });
}

/** What a magic link for `email` does, in next-auth's order (callback-handler, email branch). */
async function magicLink(email: string) {
  const adapter = laurelAdapter();
  const found = await adapter.getUserByEmail!(email);
  if (found) return { user: await adapter.updateUser!({ id: found.id, emailVerified: new Date() }), created: false };
  return { user: await adapter.createUser!({ email, emailVerified: new Date(), name: null, image: null }), created: true };
}

async function signUpAndConfirm(name: string, email: string, password = "long-enough-pw") {
  const before = mailCount(email, CONFIRM);
  await signUp({ name, email, password }, { ip: ip() });
  expect(await verifyEmailToken(await tokenIn(email, CONFIRM, before))).toMatchObject({ kind: "account_created", email });
  return db.user.findUniqueOrThrow({ where: { email } });
}

describe("sign-up", () => {
  it("creates the account only when the emailed link is opened, with a hashed password and a proven address", async () => {
    const email = uniqueEmail("new");
    const answer = await signUp(parseInput(signUpSchema, { name: "Nia", email: ` ${email.toUpperCase()} `, password: "long-enough-pw" }), { ip: ip() });
    expect(answer).toEqual({ email });
    expect(await db.pendingSignUp.count({ where: { email } })).toBe(1);
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    // Before the link: the right password says "confirm first", a wrong one says nothing.
    await expect(authenticateWithPassword({ email, password: "long-enough-pw", ip: ip() })).rejects.toMatchObject({
      fields: { email: { code: "email_unverified" } },
    });
    expect(await authenticateWithPassword({ email, password: "wrong-password", ip: ip() })).toBeNull();

    const token = await tokenIn(email, CONFIRM);
    const outcome = await verifyEmailToken(token, { callbackUrl: "/backpack/claim/c1?t=abc" });
    expect(outcome).toMatchObject({ kind: "account_created", email });
    // Opening the link signs the new account in: a one-time next-auth email sign-in, back to where sign-up began.
    const signIn = new URL((outcome as { signInUrl: string }).signInUrl);
    expect(signIn.pathname).toBe("/api/auth/callback/email");
    expect(signIn.searchParams.get("email")).toBe(email);
    expect(signIn.searchParams.get("callbackUrl")).toBe("http://laurel.test/backpack/claim/c1?t=abc");
    const storedToken = createHash("sha256").update(`${signIn.searchParams.get("token")}${env().NEXTAUTH_SECRET}`).digest("hex");
    expect(await laurelAdapter().useVerificationToken!({ identifier: email, token: storedToken })).toMatchObject({ identifier: email });
    const stored = await db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain("long-enough-pw");
    expect(stored.emailVerified).toBeInstanceOf(Date);
    expect((await db.userEmail.findUniqueOrThrow({ where: { email } })).verifiedAt).toBeInstanceOf(Date);
    expect(await authenticateWithPassword({ email, password: "long-enough-pw", ip: ip() })).toMatchObject({ id: stored.id });
    expect(await verifyEmailToken(token)).toEqual({ kind: "invalid" });
  });

  it("names the field and the reason for a malformed email or a short password", () => {
    expect(() => parseInput(signUpSchema, { name: "X", email: "not-an-email", password: "short" })).toThrowError(
      expect.objectContaining({ fields: { email: { code: "invalid_email" }, password: { code: "too_short", params: { min: 10 } } } }),
    );
  });

  it("answers the same for a registered address, creates nothing, and tells the owner how to sign in or reset", async () => {
    const owner = await signUpAndConfirm("One", uniqueEmail("dup"));
    const fresh = uniqueEmail("fresh");
    const registered = await signUp({ name: "Two", email: owner.email, password: "other-long-pw" }, { ip: ip() });
    const unregistered = await signUp({ name: "Three", email: fresh, password: "other-long-pw" }, { ip: ip() });
    expect(registered).toEqual({ email: owner.email });
    expect(unregistered).toEqual({ email: fresh });
    // One account for the two addresses: the owner's, from before (counted by address, as other
    // test files create users meanwhile).
    expect(await db.user.count({ where: { OR: [{ email: { in: [owner.email, fresh] } }, { emails: { some: { email: { in: [owner.email, fresh] } } } }] } })).toBe(1);
    const notice = await nextMail(owner.email, ATTEMPT);
    expect(linkIn(notice, "http://laurel.test/sign-in?email=")).toContain(encodeURIComponent(owner.email));
    expect(notice.text).toContain("http://laurel.test/forgot-password");
    expect(mailCount(owner.email, CONFIRM)).toBe(1); // only the owner's own sign-up link, long used
    // The owner's password is unchanged.
    expect(await authenticateWithPassword({ email: owner.email, password: "long-enough-pw", ip: ip() })).toMatchObject({ id: owner.id });
  });

  it("sends a new link to someone with the right password, and nothing to anyone else", async () => {
    const email = uniqueEmail("resend");
    await signUp({ name: "R", email, password: "long-enough-pw" }, { ip: ip() });
    await nextMail(email, CONFIRM);
    await resendSignUpLink({ email, password: "not-the-password" });
    await resendSignUpLink({ email, password: "long-enough-pw" });
    const token = await tokenIn(email, CONFIRM, 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mailCount(email, CONFIRM)).toBe(2);
    expect(await verifyEmailToken(token)).toMatchObject({ kind: "account_created", email });
  });
});

describe("an unproven address reserves nothing (pre-account takeover)", () => {
  it("a magic link for an address an older account holds unproven creates the prover's own account; the holder loses it", async () => {
    const victim = uniqueEmail("victim");
    const squatter = await unprovenAccount(victim);
    await expect(authenticateWithPassword({ email: victim, password: "squatter-password", ip: ip() })).rejects.toMatchObject({
      fields: { email: { code: "email_unverified" } },
    });

    const { user, created } = await magicLink(victim);
    expect(created).toBe(true);
    expect(user.id).not.toBe(squatter.id);
    const after = await db.user.findUniqueOrThrow({ where: { id: squatter.id } });
    expect(after.email).not.toBe(victim);
    expect(after.sessionVersion).toBe(squatter.sessionVersion + 1);
    expect(await db.userEmail.findUniqueOrThrow({ where: { email: victim } })).toMatchObject({ userId: user.id, verifiedAt: expect.any(Date) });
    // The squatter can no longer sign in with the address, and a second link finds the owner.
    expect(await authenticateWithPassword({ email: victim, password: "squatter-password", ip: ip() })).toBeNull();
    expect((await magicLink(victim)).user.id).toBe(user.id);
  });

  it("a squatter's sign-up never becomes the owner's account: the owner signs up too and their link wins", async () => {
    const victim = uniqueEmail("victim");
    await signUp({ name: "Attacker", email: victim, password: "attacker-password" }, { ip: ip() });
    const attackerToken = await tokenIn(victim, CONFIRM);
    // The owner can still sign up (not "registered"), and a magic link works too.
    await signUp({ name: "Owner", email: victim, password: "owner-password-1" }, { ip: ip() });
    const ownerToken = await tokenIn(victim, CONFIRM, 1);
    expect(await verifyEmailToken(ownerToken)).toMatchObject({ kind: "account_created", email: victim });
    expect(await verifyEmailToken(attackerToken)).toEqual({ kind: "invalid" });
    const owner = await db.user.findUniqueOrThrow({ where: { email: victim } });
    expect(owner.name).toBe("Owner");
    expect(await authenticateWithPassword({ email: victim, password: "attacker-password", ip: ip() })).toBeNull();
    expect(await authenticateWithPassword({ email: victim, password: "owner-password-1", ip: ip() })).toMatchObject({ id: owner.id });
  });

  it("an address added unproven on another account blocks neither sign-up nor the magic link, and its link then fails", async () => {
    const attacker = await createUser();
    const victim = uniqueEmail("victim");
    await addEmail(attacker.id, victim);
    const attackerToken = await tokenIn(victim, VERIFY);
    expect(await listEmails(attacker.id)).toContainEqual(expect.objectContaining({ email: victim, verified: false }));

    const owner = await signUpAndConfirm("Owner", victim);
    expect((await listEmails(attacker.id)).map((address) => address.email)).not.toContain(victim);
    expect(await verifyEmailToken(attackerToken)).toEqual({ kind: "invalid" });
    expect(await db.userEmail.findUniqueOrThrow({ where: { email: victim } })).toMatchObject({ userId: owner.id });

    const other = uniqueEmail("victim-two");
    await addEmail(attacker.id, other);
    const { user, created } = await magicLink(other);
    expect(created).toBe(true);
    expect(user.id).not.toBe(attacker.id);
  });

  it("an unproven address row of an older account is taken by the magic link, not joined", async () => {
    const holder = await createUser();
    const victim = uniqueEmail("victim");
    await db.userEmail.create({ data: { userId: holder.id, email: victim } });
    const { user, created } = await magicLink(victim);
    expect(created).toBe(true);
    expect(user.id).not.toBe(holder.id);
    expect(await db.userEmail.count({ where: { userId: holder.id, email: victim } })).toBe(0);
  });

  it("a password reset is sent only to an account that proved the address", async () => {
    const victim = uniqueEmail("victim");
    await unprovenAccount(victim);
    await requestPasswordReset(victim);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailCount(victim, /Reset your Laurel password/)).toBe(0);
  });
});

describe("password reset", () => {
  it("emails a one-time link that sets a new password and ends every earlier session", async () => {
    const email = uniqueEmail("forgetful");
    const user = await signUpAndConfirm("F", email, "old-password-1");
    await requestPasswordReset(email);
    const link = linkIn(await nextMail(email, /Reset your Laurel password/), "http://laurel.test/reset-password/");
    const token = link.split("/reset-password/")[1];
    await resetPassword(token, "new-password-2");
    expect(await authenticateWithPassword({ email, password: "new-password-2", ip: ip() })).toMatchObject({ sessionVersion: user.sessionVersion + 1 });
    expect(await authenticateWithPassword({ email, password: "old-password-1", ip: ip() })).toBeNull();
    await expect(resetPassword(token, "third-password-3")).rejects.toMatchObject({ code: "gone" });
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    await expect(requestPasswordReset(email)).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(mail.server().to(email)).toHaveLength(0);
  });
});

describe("sign out everywhere", () => {
  it("raises the session version", async () => {
    const user = await createUser();
    await signOutEverywhere(user.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(user.sessionVersion + 1);
  });
});

describe("several addresses", () => {
  it("adds a second address once its link is opened; someone else's gets the same answer and a link that cannot take it", async () => {
    const first = await signUpAndConfirm("A", uniqueEmail("a"));
    const other = await signUpAndConfirm("B", uniqueEmail("b"));
    const second = uniqueEmail("a-work");
    await addEmail(first.id, second);
    expect(await db.userEmail.findUnique({ where: { email: second } })).toBeNull();
    const listed = (await listEmails(first.id)).find((address) => address.email === second)!;
    expect(listed.verified).toBe(false);
    expect(listed.expiresAt!.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(listed.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(7 * 24 * 3600 * 1000);
    expect(await verifyEmailToken(await tokenIn(second, VERIFY))).toEqual({ kind: "address_verified", email: second });
    expect((await listEmails(first.id)).find((address) => address.email === second)).toMatchObject({ verified: true });

    await expect(addEmail(other.id, second)).resolves.toMatchObject({ email: second });
    expect(await verifyEmailToken(await tokenIn(second, VERIFY, 1))).toEqual({ kind: "address_taken", email: second });
    expect(await db.userEmail.findUniqueOrThrow({ where: { email: second } })).toMatchObject({ userId: first.id });
    await expect(addEmail(first.id, second)).rejects.toMatchObject({ fields: { email: { code: "email_already_yours" } } });
  });

  it("removes an address waiting for its link (the link stops working), and one unopened for 7 days is gone", async () => {
    const user = await createUser();
    const removed = uniqueEmail("removed");
    await addEmail(user.id, removed);
    const token = await tokenIn(removed, VERIFY);
    await removePendingEmail(user.id, removed);
    expect((await listEmails(user.id)).map((address) => address.email)).not.toContain(removed);
    expect(await verifyEmailToken(token)).toEqual({ kind: "invalid" });
    await expect(removePendingEmail(user.id, user.email)).rejects.toMatchObject({ code: "forbidden" });

    const stale = uniqueEmail("stale");
    await addEmail(user.id, stale);
    const staleToken = await tokenIn(stale, VERIFY);
    await db.verificationToken.updateMany({ where: { identifier: { endsWith: `:${stale}` } }, data: { expires: new Date(Date.now() - 1000) } });
    expect((await listEmails(user.id)).map((address) => address.email)).not.toContain(stale);
    expect(await verifyEmailToken(staleToken)).toEqual({ kind: "invalid" });

    const old = uniqueEmail("old-row");
    await db.userEmail.create({ data: { userId: user.id, email: old, createdAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) } });
    expect((await listEmails(user.id)).map((address) => address.email)).not.toContain(old);
    expect(await db.userEmail.findUnique({ where: { email: old } })).toBeNull();
  });
});
