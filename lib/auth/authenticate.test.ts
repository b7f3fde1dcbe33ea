import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createUser, uniqueEmail } from "@/lib/test/factories";
import { AppError } from "@/lib/errors";
import { authenticateWithPassword } from "./authenticate";
import { LIMITS } from "./rate-limit";
import { hashPassword, verifyPassword } from "./password";

const ip = () => `203.0.113.${Math.floor(Math.random() * 250)}-${Math.random()}`;

describe("passwords", () => {
  it("hashes with a per-password salt and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
  });
});

describe("authenticateWithPassword", () => {
  it("signs in with the right password, case-insensitively on the address", async () => {
    const user = await createUser({ email: uniqueEmail("ada"), password: "right-password-1" });
    const result = await authenticateWithPassword({ email: user.email.toUpperCase(), password: "right-password-1", ip: ip() });
    expect(result).toEqual({ id: user.id, email: user.email, name: user.name, sessionVersion: 0 });
  });

  it("answers the same for a wrong password and for an address with no account", async () => {
    const user = await createUser({ password: "right-password-1" });
    const wrongPassword = await authenticateWithPassword({ email: user.email, password: "wrong-password", ip: ip() });
    const noAccount = await authenticateWithPassword({ email: uniqueEmail("ghost"), password: "wrong-password", ip: ip() });
    expect(wrongPassword).toBeNull();
    expect(noAccount).toBeNull();
  });

  it("locks an account for the network that guesses at it, not for its owner elsewhere", async () => {
    const user = await createUser({ password: "right-password-1" });
    const attacker = ip();
    for (let i = 0; i < LIMITS.signInPerAccountAndIp.limit; i++) {
      expect(await authenticateWithPassword({ email: user.email, password: `guess-${i}`, ip: attacker })).toBeNull();
    }
    // The guessing network is refused even with the right password…
    const blocked = authenticateWithPassword({ email: user.email, password: "right-password-1", ip: attacker });
    await expect(blocked).rejects.toMatchObject({ code: "rate_limited" });
    await expect(blocked).rejects.toBeInstanceOf(AppError);
    // …and going on does not lock the account: the owner signs in from their own network.
    for (let i = 0; i < 20; i++) {
      await expect(authenticateWithPassword({ email: user.email, password: `more-${i}`, ip: attacker })).rejects.toMatchObject({ code: "rate_limited" });
    }
    expect(await authenticateWithPassword({ email: user.email, password: "right-password-1", ip: ip() })).toMatchObject({ id: user.id });
  });

  it("still stops guessing spread over many networks, more slowly", async () => {
    const user = await createUser({ password: "right-password-1" });
    expect(LIMITS.signInPerAccount.limit).toBeGreaterThan(LIMITS.signInPerAccountAndIp.limit * (LIMITS.signInPerAccount.windowSeconds / LIMITS.signInPerAccountAndIp.windowSeconds));
    for (let i = 0; i < LIMITS.signInPerAccount.limit; i++) {
      await authenticateWithPassword({ email: user.email, password: `guess-${i}`, ip: ip() });
    }
    await expect(authenticateWithPassword({ email: user.email, password: "right-password-1", ip: ip() })).rejects.toMatchObject({ code: "rate_limited" });
  }, 120_000);

  it("refuses the right password until the address is proven, and says so only to someone who knows it", async () => {
    const email = uniqueEmail("unproven");
    await db.user.create({ data: { email, name: "U", passwordHash: await hashPassword("right-password-1"), emails: { create: { email } } } });
    await expect(authenticateWithPassword({ email, password: "right-password-1", ip: ip() })).rejects.toMatchObject({
      code: "forbidden",
      fields: { email: { code: "email_unverified" } },
    });
    expect(await authenticateWithPassword({ email, password: "wrong-password", ip: ip() })).toBeNull();
  });

  it("limits one IP trying many accounts, and the limit applies to unknown accounts too", async () => {
    const attacker = ip();
    for (let i = 0; i < LIMITS.signInPerIp.limit; i++) {
      await authenticateWithPassword({ email: uniqueEmail("spray"), password: "password", ip: attacker });
    }
    await expect(authenticateWithPassword({ email: uniqueEmail("spray"), password: "password", ip: attacker })).rejects.toMatchObject({
      code: "rate_limited",
    });
    // Another IP is unaffected.
    expect(await authenticateWithPassword({ email: uniqueEmail("other"), password: "password", ip: ip() })).toBeNull();
    // A hundred deliberately slow password checks (unknown accounts cost as much as known ones).
  }, 120_000);

  it("a successful sign-in clears the account's failure count", async () => {
    const user = await createUser({ password: "right-password-1" });
    const from = ip();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.signInPerAccountAndIp.limit - 2; i++) {
        await authenticateWithPassword({ email: user.email, password: "nope", ip: from });
      }
      expect(await authenticateWithPassword({ email: user.email, password: "right-password-1", ip: from })).not.toBeNull();
    }
  });
});
