import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { flushCredentialEvents } from "@/lib/analytics/events";
import { createIssuer, issueTo } from "@/lib/backpack/backpack-fixtures";
import { db } from "@/lib/db";
import { appEntries, routeHandler } from "@/lib/test/app-routes";
import { createUser, uniqueEmail } from "@/lib/test/factories";

/**
 * Property-based fuzzing of every public path parameter: each route built by `publicRoute` is
 * called in process, signed out, with values of every kind in each of its parameters (NUL, lone
 * surrogates, broken `%` escapes, control characters, very long strings, well-formed ids that
 * name nothing) mixed with the ids of real things (an organization, a public and a private
 * credential, a public profile). Nothing may answer 5xx; a private credential's id answers 404
 * wherever it appears; and no refused request writes an event on a real credential.
 */

// Outside a Next.js request, next-intl has no request to read the language from: plain keys.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => Object.assign((key: string) => key, { rich: (key: string) => key, markup: (key: string) => key, raw: (key: string) => key, has: () => true }),
  getFormatter: async () => ({ dateTime: (date: Date) => date.toISOString().slice(0, 10), number: (n: number) => String(n), relativeTime: () => "" }),
  getLocale: async () => "en",
  getMessages: async () => ({}),
  getNow: async () => new Date(),
  getTimeZone: async () => "UTC",
  setRequestLocale: () => {},
  getRequestConfig: (factory: unknown) => factory,
}));

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const RUNS_PER_HANDLER = 30 * SCALE;

const publicEntries = appEntries().filter((entry) => entry.params.length > 0 && entry.exports.some((handler) => handler.door === "publicRoute"));
const tally = { requests: 0, serverErrors: [] as string[] };
const real = { orgId: "", achievementId: "", publicCredential: "", privateCredential: "", handle: "" };

beforeAll(async () => {
  const { org, achievement } = await createIssuer("Fuzz Academy");
  const publicCredential = await issueTo(org.id, achievement.id, uniqueEmail("fuzz-public"));
  const privateCredential = await issueTo(org.id, achievement.id, uniqueEmail("fuzz-private"));
  const learner = await createUser({ name: "Fuzz Learner" });
  const handle = `fuzz-${learner.id.slice(-8)}`;
  await db.user.update({ where: { id: learner.id }, data: { handle, profilePublic: true } });
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId: privateCredential.id, state: "accepted", acceptedAt: new Date(), visibility: "private" } });
  Object.assign(real, { orgId: org.id, achievementId: achievement.id, publicCredential: publicCredential.id, privateCredential: privateCredential.id, handle });
});

const nasty = () =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "%", "%E0%A4%A", "%00", "%2F..%2F", "..", "/", "\\", " ", "\t", "\u202e"),
    fc.string({ unit: fc.constantFrom("a", "0", "-", "_", "%", "\u0000"), minLength: 60, maxLength: 6000 }),
    // Shaped like Laurel's ids and handles: these get past the format check and ask the database.
    fc.stringMatching(/^c[a-z0-9]{24}$/),
    fc.uuid(),
    fc.stringMatching(/^[a-z0-9-]{1,40}$/),
    fc.integer({ min: -1e9, max: 1e12 }).map(String),
    // The real things, so the handlers past the door run too.
    fc.constantFrom("orgId", "achievementId", "publicCredential", "privateCredential", "handle").map((key) => real[key as keyof typeof real]),
  );

async function eventsOnRealCredentials() {
  return db.credentialEvent.count({ where: { credentialId: { in: [real.publicCredential, real.privateCredential] } } });
}

describe("public path parameters, fuzzed", () => {
  afterAll(() => {
    console.log(`public path fuzz: ${tally.requests} requests over ${publicEntries.length} routes, ${tally.serverErrors.length} answered 5xx`, tally.serverErrors);
  });

  it("finds the public routes with parameters", () => {
    expect(publicEntries.length).toBeGreaterThan(20);
  });

  for (const entry of publicEntries) {
    for (const handler of entry.exports.filter((exported) => exported.door === "publicRoute")) {
      it(`${handler.name} ${entry.path}: never 5xx, a private credential stays hidden, a refusal writes nothing`, async () => {
        const call = await routeHandler(entry, handler.name);
        let refusedOnly = true;
        const before = await eventsOnRealCredentials();
        await fc.assert(
          fc.asyncProperty(fc.tuple(...entry.params.map(() => nasty())), async (values) => {
            const params = Object.fromEntries(entry.params.map((name, index) => [name, values[index]]));
            const response = await call(new Request("http://localhost/x", { method: handler.name }), { params: Promise.resolve(params) });
            tally.requests++;
            await response.arrayBuffer();
            if (response.status >= 500) tally.serverErrors.push(`${response.status} ${handler.name} ${entry.path} ${JSON.stringify(params).slice(0, 120)}`);
            expect(response.status).toBeLessThan(500);
            // (The view beacon, a POST, answers 204 to anything alike and records nothing for it.)
            if (handler.name === "GET" && entry.path.startsWith("/c/[id]") && params.id === real.privateCredential) expect(response.status).toBe(404);
            if (response.status < 400) refusedOnly = false;
          }),
          { numRuns: RUNS_PER_HANDLER },
        );
        // Events are written a moment after the answer.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await flushCredentialEvents();
        if (refusedOnly) expect(await eventsOnRealCredentials()).toBe(before);
      });
    }
  }
});
