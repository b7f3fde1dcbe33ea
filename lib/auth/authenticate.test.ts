import { describe, expect, it } from "vitest";
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
    expect(result).toEqual({ id: user.id, email: user.email, name: user.name });
  });

  it("answers the same for a wrong password and for an address with no account", async () => {
    const user = await createUser({ password: "right-password-1" });
    const wrongPassword = await authenticateWithPassword({ email: user.email, password: "wrong-password", ip: ip() });
    const noAccount = await authenticateWithPassword({ email: uniqueEmail("ghost"), password: "wrong-password", ip: ip() });
    expect(wrongPassword).toBeNull();
    expect(noAccount).toBeNull();
  });

  it("locks an account after too many attempts, even with the right password, from any IP", async () => {
    const user = await createUser({ password: "right-password-1" });
    for (let i = 0; i < LIMITS.signInPerAccount.limit; i++) {
      expect(await authenticateWithPassword({ email: user.email, password: `guess-${i}`, ip: ip() })).toBeNull();
    }
    const blocked = authenticateWithPassword({ email: user.email, password: "right-password-1", ip: ip() });
    await expect(blocked).rejects.toMatchObject({ code: "rate_limited" });
    await expect(blocked).rejects.toBeInstanceOf(AppError);
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
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.signInPerAccount.limit - 2; i++) {
        await authenticateWithPassword({ email: user.email, password: "nope", ip: ip() });
      }
      expect(await authenticateWithPassword({ email: user.email, password: "right-password-1", ip: ip() })).not.toBeNull();
    }
  });
});
