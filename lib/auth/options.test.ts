import { afterEach, describe, expect, it } from "vitest";
import type { JWT } from "next-auth/jwt";
import { db } from "@/lib/db";
import { reloadEnv } from "@/lib/env";
import { createUser } from "@/lib/test/factories";
import { signOutEverywhere } from "./account";
import { authOptions, enabledOAuthProviders } from "./options";

const OAUTH_VARS = ["GITHUB_ID", "GITHUB_SECRET", "GOOGLE_ID", "GOOGLE_SECRET", "LINKEDIN_ID", "LINKEDIN_SECRET"];

afterEach(() => {
  for (const name of OAUTH_VARS) delete process.env[name];
  reloadEnv();
});

describe("sign-in providers", () => {
  it("offers password, single sign-on tickets and magic link always, and no OAuth provider without credentials", () => {
    reloadEnv();
    expect(enabledOAuthProviders()).toEqual([]);
    // A provider's own id is in its options until next-auth merges them (both credentials providers say "credentials" on top).
    expect(authOptions().providers.map((p) => (p as { options?: { id?: string } }).options?.id ?? p.id)).toEqual(["credentials", "sso", "email"]);
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

describe("sessions", () => {
  // next-auth runs the jwt callback on every request that reads the session (getServerSession).
  const jwt = (params: { token: JWT; user?: { id: string; sessionVersion?: number } }) =>
    authOptions().callbacks!.jwt!(params as Parameters<NonNullable<NonNullable<ReturnType<typeof authOptions>["callbacks"]>["jwt"]>>[0]);

  it("stamps a session with the account's session version, and ends it once the version is raised", async () => {
    const user = await createUser();
    const token = await jwt({ token: {}, user: { id: user.id, sessionVersion: user.sessionVersion } });
    expect(token).toMatchObject({ sub: user.id, sessionVersion: user.sessionVersion });
    await expect(jwt({ token })).resolves.toMatchObject({ sub: user.id });

    await signOutEverywhere(user.id);
    await expect(jwt({ token })).rejects.toThrow(/Session ended/);
    // A session signed in afterwards works.
    const fresh = await jwt({ token: {}, user: { id: user.id, sessionVersion: user.sessionVersion + 1 } });
    await expect(jwt({ token: fresh })).resolves.toMatchObject({ sub: user.id });
  });

  it("ends the session of a deleted account, and of a token from before session versions", async () => {
    const user = await createUser();
    await expect(jwt({ token: { sub: user.id } })).rejects.toThrow(/Session ended/);
    const token = await jwt({ token: {}, user: { id: user.id, sessionVersion: 0 } });
    await db.user.delete({ where: { id: user.id } });
    await expect(jwt({ token })).rejects.toThrow(/Session ended/);
  });

  it("redirects after sign-in only to Laurel's own paths", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    expect(await redirect({ url: "/%09/evil.example", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/dashboard");
    expect(await redirect({ url: "https://evil.example/", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/dashboard");
    expect(await redirect({ url: "/account", baseUrl: "http://localhost:3000" })).toBe("http://localhost:3000/account");
  });
});
