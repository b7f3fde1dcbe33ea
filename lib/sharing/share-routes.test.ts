import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { ensureShareLinks } from "./share-links";
import { shareTargets } from "./share-targets";

// The share route reads the signed-in person; here it is whoever the test says.
const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string | null; email: string; handle: null; locale: null; emailVerified: null } }));
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => session.user,
  requireUser: async () => {
    if (!session.user) throw Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/sign-in;307;" });
    return session.user;
  },
}));

const { GET: shareRedirect } = await import("@/app/(main)/s/[code]/route");
const { GET: shareButton, POST: shareCopy } = await import("@/app/(main)/backpack/share/[credentialId]/[channel]/route");
const { GET: earn } = await import("@/app/(main)/c/[id]/earn/route");

const params = <P,>(value: P) => ({ params: Promise.resolve(value) });
// Unknown, hidden and malformed all answer the one 404 of lib/http/public-route.ts.
async function expectNotFound(answer: Promise<Response>) {
  const response = await answer;
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String), details: {} } });
  expect(response.headers.get("location")).toBeNull();
}
const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const LINKEDIN_BOT = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";
const get = (userAgent: string, extra: Record<string, string> = {}) =>
  new Request("http://localhost/", { headers: { "user-agent": userAgent, "x-forwarded-for": "203.0.113.9", ...extra } });

async function issued(howToEarnUrl?: string) {
  const org = await createOrgWith([], "Route Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Sharing", description: "Shares.", criteria: { narrative: "Share." } }));
  if (howToEarnUrl !== undefined) await db.achievement.update({ where: { id: achievement.id }, data: { howToEarnUrl } });
  const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail() } }), { notify: false });
  return { org, achievement, credential };
}

async function inBackpack(credentialId: string, visibility: "public" | "private" = "public") {
  const learner = await createUser();
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", visibility, acceptedAt: new Date() } });
  return learner;
}

const signInAs = (user: { id: string; name: string | null; email: string }) => {
  session.user = { id: user.id, name: user.name, email: user.email, handle: null, locale: null, emailVerified: null };
};

/** Events are written after the response; wait for them to land. */
async function eventsOf(credentialId: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const events = await db.credentialEvent.findMany({ where: { credentialId, type: { not: "issued" } }, orderBy: { createdAt: "asc" } });
    if (events.length >= count) return events;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`expected ${count} events`);
}

beforeEach(() => {
  session.user = null;
});

describe("GET /s/{code}", () => {
  it("sends people and crawlers to the credential page, recording a click or a preview with the channel", async () => {
    const { credential } = await issued();
    const targets = await shareTargets(credential.id);
    const code = new URL(targets.channels.linkedin.trackedUrl).pathname.split("/").pop()!;

    const person = await shareRedirect(get(PERSON, { referer: "https://www.linkedin.com/feed/update/123?trk=x" }), params({ code }));
    expect(person.status).toBe(302);
    expect(person.headers.get("location")).toBe(publicUrls.credential(credential.id));
    const bot = await shareRedirect(get(LINKEDIN_BOT), params({ code }));
    expect(bot.headers.get("location")).toBe(publicUrls.credential(credential.id));

    const events = await eventsOf(credential.id, 2);
    expect(events.map((event) => [event.type, event.channel]).sort()).toEqual([["clicked", "linkedin"], ["previewed", "linkedin"]]);
    const click = events.find((event) => event.type === "clicked")!;
    expect(click.data).toMatchObject({ referrer: "www.linkedin.com", visitor: expect.stringMatching(/^[\w-]{22}$/) });
    expect(JSON.stringify(click.data)).not.toContain("203.0.113.9");
  });

  it("answers 404 to strangers once the learner made the credential private, and counts no click; the learner still gets through", async () => {
    const { credential } = await issued();
    const learner = await inBackpack(credential.id, "private");
    const code = (await ensureShareLinks(credential.id, ["linkedin"])).linkedin;

    await expectNotFound(shareRedirect(get(PERSON), params({ code })));
    const stranger = await createUser();
    signInAs(stranger);
    await expectNotFound(shareRedirect(get(PERSON), params({ code })));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await db.credentialEvent.count({ where: { credentialId: credential.id, type: "clicked" } })).toBe(0);

    signInAs(learner);
    const own = await shareRedirect(get(PERSON), params({ code }));
    expect(own.headers.get("location")).toBe(publicUrls.credential(credential.id));
  });

  it("answers 404 to a code it never handed out", async () => {
    for (const code of ["Zz0000000000", "nope!", "x".repeat(200)]) {
      await expectNotFound(shareRedirect(get(PERSON), params({ code })));
    }
  });
});

describe("/backpack/share/{credentialId}/{channel}", () => {
  it("records the learner's share and sends them to LinkedIn's prefilled certification form", async () => {
    const { credential } = await issued();
    const learner = await inBackpack(credential.id);
    signInAs(learner);
    const response = await shareButton(get(PERSON), params({ credentialId: credential.id, channel: "linkedin_profile" }));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("https://www.linkedin.com/profile/add");
    expect(location.searchParams.get("certId")).toBe(credential.id);
    const x = await shareButton(get(PERSON), params({ credentialId: credential.id, channel: "x" }));
    expect(x.headers.get("location")).toMatch(/^https:\/\/twitter\.com\/intent\/tweet\?/);
    const events = await eventsOf(credential.id, 2);
    expect(events.map((event) => [event.type, event.channel, event.actorId])).toEqual([
      ["added_to_profile", "linkedin_profile", learner.id],
      ["shared", "x", learner.id],
    ]);
  });

  it("refuses another person's credential as if it did not exist, and records nothing", async () => {
    const { credential } = await issued();
    await inBackpack(credential.id);
    signInAs(await createUser());
    await expectNotFound(shareButton(get(PERSON), params({ credentialId: credential.id, channel: "linkedin" })));
    const copy = await shareCopy(new Request("http://localhost/", { method: "POST", headers: { origin: "http://localhost", host: "localhost" } }), params({ credentialId: credential.id, channel: "link" }));
    expect(copy.status).toBe(404);
    expect(await db.credentialEvent.count({ where: { credentialId: credential.id, type: { in: ["shared", "added_to_profile"] } } })).toBe(0);
  });

  it("refuses to share a private credential, sends strangers to sign in, and rejects unknown channels", async () => {
    const { credential } = await issued();
    const learner = await inBackpack(credential.id, "private");
    const signIn = await shareButton(get(PERSON), params({ credentialId: credential.id, channel: "facebook" }));
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get("location")).toMatch(/^\/sign-in\?callbackUrl=/);
    signInAs(learner);
    const refused = await shareButton(get(PERSON), params({ credentialId: credential.id, channel: "facebook" }));
    expect(refused.status).toBe(303);
    expect(new URL(refused.headers.get("location")!).pathname).toBe(`/backpack/share/${credential.id}`);
    await expectNotFound(shareButton(get(PERSON), params({ credentialId: credential.id, channel: "myspace" })));
    expect(await db.credentialEvent.count({ where: { credentialId: credential.id, type: "shared" } })).toBe(0);
  });

  it("records a copied link from the panel, but not from another site", async () => {
    const { credential } = await issued();
    signInAs(await inBackpack(credential.id));
    const post = (origin: string) => shareCopy(new Request("http://localhost/", { method: "POST", headers: { origin, host: "localhost" } }), params({ credentialId: credential.id, channel: "link" }));
    expect((await post("https://evil.example")).status).toBe(403);
    expect((await post("http://localhost")).status).toBe(204);
    expect((await eventsOf(credential.id, 1)).map((event) => [event.type, event.channel])).toEqual([["shared", "link"]]);
  });
});

describe("GET /c/{id}/earn", () => {
  it("counts the visitor's click and sends them to the how-to-earn link", async () => {
    const { credential } = await issued("https://academy.example/courses/sharing?utm=laurel");
    const response = await earn(get(PERSON), params({ id: credential.id }));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://academy.example/courses/sharing?utm=laurel");
    expect((await eventsOf(credential.id, 1)).map((event) => event.type)).toEqual(["cta_clicked"]);
  });

  it("never follows a javascript: link; falls back to the issuer's page, and crawlers are not counted", async () => {
    for (const bad of ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", ""]) {
      const { credential, org } = await issued(bad);
      const response = await earn(get(PERSON), params({ id: credential.id }));
      expect(response.headers.get("location")).toBe(publicUrls.issuer(org.id));
    }
    const { credential } = await issued("https://academy.example/");
    await earn(get(LINKEDIN_BOT), params({ id: credential.id }));
    await earn(get(PERSON), params({ id: credential.id }));
    expect((await eventsOf(credential.id, 1)).map((event) => event.type)).toEqual(["cta_clicked"]);
  });

  it("answers 404 for a private credential to strangers and for unknown ids", async () => {
    const { credential } = await issued("https://academy.example/");
    await inBackpack(credential.id, "private");
    await expectNotFound(earn(get(PERSON), params({ id: credential.id })));
    await expectNotFound(earn(get(PERSON), params({ id: "missing" })));
  });
});
