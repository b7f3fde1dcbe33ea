import { afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "@/lib/env";
import { authOptions, enabledOAuthProviders } from "./options";

const OAUTH_VARS = ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET", "LINKEDIN_ID", "LINKEDIN_SECRET"];

afterEach(() => {
  for (const name of OAUTH_VARS) delete process.env[name];
  reloadEnv();
});

describe("sign-in providers", () => {
  it("offers password and magic link always, and no OAuth provider without credentials", () => {
    reloadEnv();
    expect(enabledOAuthProviders()).toEqual([]);
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "email"]);
  });

  it("switches each OAuth provider on when both of its variables are set", () => {
    for (const name of OAUTH_VARS) process.env[name] = `value-of-${name}`;
    process.env.GOOGLE_SECRET = "";
    reloadEnv();
    expect(enabledOAuthProviders().map((p) => p.id)).toEqual(["github", "linkedin"]);
    process.env.GOOGLE_SECRET = "set";
    reloadEnv();
    expect(enabledOAuthProviders()).toEqual([
      { id: "github", name: "GitHub" },
      { id: "google", name: "Google" },
      { id: "linkedin", name: "LinkedIn" },
    ]);
  });

  it("uses JWT sessions and Laurel's own pages", () => {
    const options = authOptions();
    expect(options.session?.strategy).toBe("jwt");
    expect(options.pages).toMatchObject({ signIn: "/sign-in", verifyRequest: "/sign-in/check-email" });
  });
});
