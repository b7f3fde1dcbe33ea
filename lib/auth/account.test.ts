import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { uniqueEmail } from "@/lib/test/factories";
import { linkIn, useTestSmtp } from "@/lib/test/smtp";
import { addEmail, requestPasswordReset, resetPassword, signUp, verifyEmailToken } from "./account";
import { authenticateWithPassword } from "./authenticate";
import { signUpSchema } from "./schemas";

const mail = useTestSmtp();
const mailTo = (address: string, subject: RegExp) => mail.waitFor(address, subject);
const ip = () => `198.51.100.${Math.random()}`;

describe("sign-up", () => {
  it("creates the account with a hashed password and emails a verification link that verifies the address", async () => {
    const email = uniqueEmail("new");
    const user = await signUp(parseInput(signUpSchema, { name: "Nia", email: ` ${email.toUpperCase()} `, password: "long-enough-pw" }), { ip: ip() });
    expect(user.email).toBe(email);
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).toMatch(/^scrypt\$/);
    expect(stored.passwordHash).not.toContain("long-enough-pw");

    const link = linkIn(await mailTo(email, /Verify your email/), "http://laurel.test/verify-email?token=");
    const token = new URL(link).searchParams.get("token")!;
    expect(await verifyEmailToken(token)).toBe(email);
    expect((await db.userEmail.findUniqueOrThrow({ where: { email } })).verifiedAt).toBeInstanceOf(Date);
    expect(await verifyEmailToken(token)).toBeNull();
  });

  it("names the field and the reason for a malformed email or a short password", () => {
    expect(() => parseInput(signUpSchema, { name: "X", email: "not-an-email", password: "short" })).toThrowError(
      expect.objectContaining({ fields: { email: { code: "invalid_email" }, password: { code: "too_short", params: { min: 10 } } } }),
    );
  });

  it("refuses an address that already has an account, and creates nothing", async () => {
    const email = uniqueEmail("dup");
    await signUp({ name: "One", email, password: "long-enough-pw" }, { ip: ip() });
    const users = await db.user.count();
    await expect(signUp({ name: "Two", email, password: "other-long-pw" }, { ip: ip() })).rejects.toMatchObject({
      fields: { email: { code: "email_registered" } },
    });
    expect(await db.user.count()).toBe(users);
  });
});

describe("password reset", () => {
  it("emails a one-time link that sets a new password", async () => {
    const email = uniqueEmail("forgetful");
    await signUp({ name: "F", email, password: "old-password-1" }, { ip: ip() });
    await requestPasswordReset(email);
    const link = linkIn(await mailTo(email, /Reset your Laurel password/), "http://laurel.test/reset-password/");
    const token = link.split("/reset-password/")[1];
    await resetPassword(token, "new-password-2");
    expect(await authenticateWithPassword({ email, password: "new-password-2", ip: ip() })).not.toBeNull();
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

describe("several addresses", () => {
  it("adds a second address, unverified until its link is clicked, and refuses one owned by someone else", async () => {
    const first = await signUp({ name: "A", email: uniqueEmail("a"), password: "long-enough-pw" }, { ip: ip() });
    const other = await signUp({ name: "B", email: uniqueEmail("b"), password: "long-enough-pw" }, { ip: ip() });
    const second = uniqueEmail("a-work");
    await addEmail(first.id, second);
    expect((await db.userEmail.findUniqueOrThrow({ where: { email: second } })).verifiedAt).toBeNull();
    const token = new URL(linkIn(await mailTo(second, /Verify/), "http://laurel.test/verify-email?token=")).searchParams.get("token")!;
    expect(await verifyEmailToken(token)).toBe(second);
    await expect(addEmail(other.id, second)).rejects.toMatchObject({ fields: { email: { code: "email_registered" } } });
    await expect(addEmail(first.id, second)).rejects.toMatchObject({ fields: { email: { code: "email_already_yours" } } });
  });
});
