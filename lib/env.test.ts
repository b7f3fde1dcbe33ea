import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

const secrets = {
  NEXTAUTH_SECRET: "a".repeat(40),
  KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  BASE_URL: "https://badges.example.org/",
};

describe("configuration", () => {
  it("works with no settings at all in development, with loud dev defaults", () => {
    const env = parseEnv({ NODE_ENV: "development", PORT: "4000" });
    expect(env.BASE_URL).toBe("http://localhost:4000");
    expect(env.usingDevSecrets).toBe(true);
    expect(env.devMailboxEnabled).toBe(true);
    expect(Buffer.from(env.KEY_ENCRYPTION_KEY, "base64")).toHaveLength(32);
  });

  it("refuses to start in production without real secrets, naming each missing one", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/NEXTAUTH_SECRET, KEY_ENCRYPTION_KEY, BASE_URL/);
    expect(() => parseEnv({ NODE_ENV: "production", ...secrets, BASE_URL: undefined })).toThrowError(ConfigError);
  });

  it("lets `next build` run without secrets (they are checked when the server starts)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });

  it("accepts real secrets in production, trims the base URL and hides the dev mailbox", () => {
    const env = parseEnv({ NODE_ENV: "production", ...secrets });
    expect(env.BASE_URL).toBe("https://badges.example.org");
    expect(env.usingDevSecrets).toBe(false);
    expect(env.devMailboxEnabled).toBe(false);
  });

  it("rejects malformed values with the variable's name", () => {
    expect(() => parseEnv({ KEY_ENCRYPTION_KEY: "too-short" })).toThrowError(/KEY_ENCRYPTION_KEY: must be 32 random bytes in base64/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL/);
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrowError(/NEXTAUTH_SECRET/);
  });
});
