import { beforeEach, describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { CACHE_POLICIES, PUBLIC_RATE_LIMITS } from "./public-route";

const session = vi.hoisted(() => ({ user: null as { id: string } | null }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));
const routes = {
  card: (await import("@/app/(main)/c/[id]/opengraph-image/route")).GET,
  badgePng: (await import("@/app/(main)/c/[id]/badge.png/route")).GET,
  badgeSvg: (await import("@/app/(main)/c/[id]/badge.svg/route")).GET,
  credentialJson: (await import("@/app/(main)/c/[id]/credential.json/route")).GET,
  versionImage: (await import("@/app/(main)/b/[id]/v/[version]/image.svg/route")).GET,
  statusList: (await import("@/app/(main)/o/[orgId]/status/[listId]/route")).GET,
  shareLink: (await import("@/app/(main)/s/[code]/route")).GET,
  issuerCard: (await import("@/app/(main)/o/[orgId]/opengraph-image/route")).GET,
};

let ipCounter = 0;
const newIp = () => `192.0.2.${++ipCounter}`;
const get = (ip = newIp()) => new Request("http://localhost/x", { headers: { "user-agent": "Mozilla/5.0", [PEER_ADDRESS_HEADER]: ip } });
const params = <P,>(value: P) => ({ params: Promise.resolve(value) });
const ONE_404 = { error: { code: "not_found", message: "Not found", details: {} } };

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Door Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Door Keeper", description: "Keeps doors.", criteria: { narrative: "Keep." } }));
  const issue = () => issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner") } }), { notify: false });
  return { owner, org, achievement, issue };
}

async function hideFrom(credentialId: string) {
  const learner = await createUser();
  await db.backpackEntry.create({ data: { userId: learner.id, credentialId, state: "accepted", acceptedAt: new Date(), visibility: "private" } });
  return learner;
}

beforeEach(() => {
  session.user = null;
});

describe("the public route door", () => {
  it("answers unknown, hidden and malformed alike: one 404 body, never cached", async () => {
    const { issue } = await setup();
    const hidden = await issue();
    await hideFrom(hidden.id);
    const answers = [
      await routes.credentialJson(get(), params({ id: "unknown-credential" })),
      await routes.credentialJson(get(), params({ id: hidden.id })),
      await routes.credentialJson(get(), params({ id: "bad\u0000id" })),
      await routes.card(get(), params({ id: hidden.id })),
      await routes.badgePng(get(), params({ id: hidden.id })),
      await routes.shareLink(get(), params({ code: "Zz0000000000" })),
      await routes.statusList(get(), params({ orgId: "no-org", listId: "no-list" })),
      await routes.versionImage(get(), params({ id: "no-achievement", version: "1" })),
      await routes.versionImage(get(), params({ id: "no-achievement", version: "1e3" })),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await answer.json()).toEqual(ONE_404);
    }
  });

  it("keeps a private credential's files out of shared caches, and public ones a minute at most", async () => {
    const { owner, org, achievement, issue } = await setup();
    const credential = await issue();

    const publicCard = await routes.card(get(), params({ id: credential.id }));
    expect(publicCard.status).toBe(200);
    expect(publicCard.headers.get("cache-control")).toBe(CACHE_POLICIES.short);
    expect(publicCard.headers.get("cache-control")).toContain("s-maxage=60");
    expect((await routes.badgeSvg(get(), params({ id: credential.id }))).headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect((await routes.issuerCard(get(), params({ orgId: org.id }))).headers.get("cache-control")).not.toContain("immutable");
    // Only an achievement version's image, public by nature and never changed, is kept for good.
    expect((await routes.versionImage(get(), params({ id: achievement.id, version: "1" }))).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");

    const learner = await hideFrom(credential.id);
    for (const viewer of [learner.id, owner.id]) {
      session.user = { id: viewer };
      for (const answer of [await routes.card(get(), params({ id: credential.id })), await routes.badgeSvg(get(), params({ id: credential.id })), await routes.credentialJson(get(), params({ id: credential.id }))]) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get("cache-control")).toMatch(/^private/);
        expect(answer.headers.get("cache-control")).not.toMatch(/public|immutable|s-maxage/);
      }
    }
  });

  it(`limits render routes to ${PUBLIC_RATE_LIMITS.render.limit} a minute per client address, with Retry-After`, async () => {
    const ip = newIp();
    const { limit } = PUBLIC_RATE_LIMITS.render;
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) statuses.push((await routes.badgeSvg(get(ip), params({ id: "render-target" }))).status);
    expect(statuses.slice(0, limit).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(limit)).toEqual([429, 429]);
    // Another address is not affected; documents (not renders) are not limited.
    expect((await routes.badgeSvg(get(newIp()), params({ id: "render-target" }))).status).toBe(404);
    expect((await routes.credentialJson(get(ip), params({ id: "render-target" }))).status).toBe(404);
  });

  it("counts only the share cards it has to render: a crawler fetching cached cards is never refused", async () => {
    const { issue } = await setup();
    const [rendered, unrendered] = [await issue(), await issue()];
    expect((await routes.card(get(), params({ id: rendered.id }))).status).toBe(200);
    const ip = newIp();
    for (let i = 0; i < PUBLIC_RATE_LIMITS.render.limit; i++) await routes.badgeSvg(get(ip), params({ id: "render-target" }));

    const cached = await routes.card(get(ip), params({ id: rendered.id }));
    expect(cached.status).toBe(200);
    expect(cached.headers.get("content-type")).toBe("image/png");
    const refused = await routes.card(get(ip), params({ id: unrendered.id }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("rate_limited");
    expect((await routes.card(get(newIp()), params({ id: unrendered.id }))).status).toBe(200);
  });
});
