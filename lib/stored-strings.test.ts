import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApiKeySchema } from "@/lib/api/keys";
import { operations } from "@/lib/api/operations";
import { profileSchema, signUpSchema } from "@/lib/auth/schemas";
import { collectionInputSchema } from "@/lib/backpack/schemas";
import { profileSettingsSchema } from "@/lib/backpack/profile";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrganizationSchema, inviteMemberSchema, updateOrganizationSchema } from "@/lib/orgs/schemas";

/**
 * Every string a schema lets through to the database passes safeText: for each input schema
 * and a body it accepts, a NUL and a lone surrogate put in any one string (alone, and inside the
 * text) are refused with that field's path. A new field without the check fails here.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function stringLeaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringLeaves(item, [...path, i]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

function withLeaf(body: Json, path: (string | number)[], replace: (text: string) => string): Json {
  const copy = structuredClone(body) as Record<string | number, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  node[last] = replace(node[last] as string);
  return copy;
}

const signer = { name: "Dr. Ada Example", title: "Director" };
const design = { template: "circle", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "star", title: "Data", subtitle: "Level 1", ribbonLabel: "2026" };

const cases: [string, z.ZodType, Json][] = [
  ["achievement (API and form)", achievementInputSchema, {
    name: "Data Literacy", description: "Reads data.", criteria: { narrative: "Pass.", id: "https://example.org/criteria" }, image: "https://example.org/i.png",
    tags: ["data"], alignment: [{ targetName: "ESCO", targetUrl: "https://esco.example/x", targetFramework: "ESCO", targetCode: "D1", targetDescription: "Data" }],
    howToEarnUrl: "https://example.org/earn", design, certificate: { paperSize: "A4", signers: [signer] },
  }],
  ["credential (API and form)", issueCredentialSchema, {
    achievementId: "c000000000000000000000000", recipient: { email: "lee@example.com", name: "Lee" }, validFrom: "2026-01-15",
    evidence: [{ id: "https://example.org/e", name: "Essay", narrative: "Wrote it.", description: "An essay" }], narrative: "Well done", result: "Passed",
  }],
  ["revocation", operations.revokeCredential.body, { reason: "Issued by mistake" }],
  ["bulk issue", operations.bulkIssueCredentials.body, {
    achievementId: "c000000000000000000000000", message: "Congratulations",
    recipients: [{ email: "ada@example.com", name: "Ada", validFrom: "2026-01-15", validUntil: "2027-01-15", evidence: "https://example.org/e", narrative: "n", result: "A" }],
  }],
  ["sign-up", signUpSchema, { name: "Lee", email: "lee@example.com", password: "correct horse battery" }],
  ["account profile", profileSchema, { name: "Lee", handle: "lee", locale: "en" }],
  ["public profile", profileSettingsSchema, { handle: "lee", name: "Lee", headline: "Data person" }],
  ["collection", collectionInputSchema, { name: "Favourites", description: "The best ones" }],
  ["new organization", createOrganizationSchema, { name: "Academy", slug: "academy" }],
  ["organization settings", updateOrganizationSchema, { name: "Academy", slug: "academy", website: "https://academy.example", description: "We teach.", primaryColor: "#1f5f4a", secondaryColor: "#d9a521" }],
  ["invitation", inviteMemberSchema, { email: "new@example.com", role: "issuer" }],
  ["API key", createApiKeySchema, { name: "Automation", scopes: ["credentials:read"] }],
];

// Passwords are hashed, never stored as text; every other string must refuse what cannot be stored.
const NOT_STORED = new Set(["password"]);

describe("every stored string refuses NUL and lone surrogates", () => {
  for (const [name, schema, valid] of cases) {
    it(name, () => {
      expect(schema.safeParse(valid).error?.issues ?? [], "the sample is valid").toEqual([]);
      const leaves = stringLeaves(valid).filter((path) => !NOT_STORED.has(String(path[path.length - 1])));
      expect(leaves.length).toBeGreaterThan(0);
      for (const path of leaves) {
        for (const poison of [(text: string) => `${text}\u0000`, (text: string) => `${text.slice(0, 1)}\uD800${text.slice(1)}`, () => "\uDC00"]) {
          const result = schema.safeParse(withLeaf(valid, path, poison));
          const field = path.join(".");
          expect(result.success, `${name}: ${field}`).toBe(false);
          expect(result.error!.issues.map((issue) => issue.path.join(".")), `${name}: ${field}`).toContain(field);
        }
      }
    });
  }
});
