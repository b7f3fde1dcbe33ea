import { afterAll, beforeAll } from "vitest";
import { reloadEnv } from "@/lib/env";

/** For a test file: these environment variables while it runs, unset again afterwards. */
export function useTestEnv(variables: Record<string, string | (() => string)>) {
  beforeAll(() => {
    for (const [name, value] of Object.entries(variables)) process.env[name] = typeof value === "function" ? value() : value;
    reloadEnv();
  });
  afterAll(() => {
    for (const name of Object.keys(variables)) delete process.env[name];
    reloadEnv();
  });
}
