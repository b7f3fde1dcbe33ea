// Unique test data, so specs never collide with each other or with earlier runs.
import { randomBytes } from "node:crypto";

let counter = 0;

/** A short token that is unique across workers and runs: time, worker-local counter, randomness. */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter.toString(36)}${randomBytes(3).toString("hex")}`;
}

/** A fresh email address, e.g. `learner+lq3x9a1f0c2e@example.com`. */
export function uniqueEmail(prefix = "user"): string {
  return `${prefix}+${uniqueId()}@example.com`.toLowerCase();
}

/** A fresh URL-safe slug (lowercase letters, digits, dashes), e.g. `org-lq3x9a1f0c2e`. */
export function uniqueSlug(prefix = "org"): string {
  const base = prefix.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "x";
  return `${base}-${uniqueId()}`;
}

/** A readable unique name for things people see, e.g. `Org lq3x9a1f0c2e`. */
export function uniqueName(prefix = "Test"): string {
  return `${prefix} ${uniqueId()}`;
}
