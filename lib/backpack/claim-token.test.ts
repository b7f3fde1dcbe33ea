import { describe, expect, it } from "vitest";
import { claimPath, claimToken, isValidClaimToken, maskEmail } from "./claim-token";

describe("claim link token", () => {
  it("is valid for the credential and address it was made for", () => {
    const token = claimToken("cred-1", "lee@example.com");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(isValidClaimToken("cred-1", "lee@example.com", token)).toBe(true);
    expect(isValidClaimToken("cred-1", "LEE@example.com", token)).toBe(true);
    expect(claimPath("cred-1", "lee@example.com")).toBe(`/backpack/claim/cred-1?t=${token}`);
  });

  it("refuses a forged token, another credential's token and another address's token", () => {
    const token = claimToken("cred-1", "lee@example.com");
    expect(isValidClaimToken("cred-1", "lee@example.com", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBe(false);
    expect(isValidClaimToken("cred-1", "lee@example.com", "")).toBe(false);
    expect(isValidClaimToken("cred-1", "lee@example.com", null)).toBe(false);
    expect(isValidClaimToken("cred-2", "lee@example.com", token)).toBe(false);
    // A changed address invalidates links sent to the old one.
    expect(isValidClaimToken("cred-1", "other@example.com", token)).toBe(false);
  });

  it("masks the address it names to strangers", () => {
    expect(maskEmail("jane@example.com")).toBe("j•••@example.com");
  });
});
