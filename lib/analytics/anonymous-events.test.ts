import { describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { EVENTS_PER_IP, flushCredentialEvents, recordCredentialEvent, recordCredentialEventLater } from "./events";

vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => null }));
const { GET: negotiatedJson } = await import("@/app/api/ob/credentials/[id]/route");
const { GET: credentialJson } = await import("@/app/(main)/c/[id]/credential.json/route");
const { GET: earn } = await import("@/app/(main)/c/[id]/earn/route");
const { GET: card } = await import("@/app/(main)/c/[id]/opengraph-image/route");

const PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const LINKEDIN = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)";

let ipCounter = 0;
/** A fresh client address per test, so per-IP counts never leak between tests. */
const newIp = () => `198.51.100.${++ipCounter}`;
const request = (ip: string, userAgent = PERSON, accept = "application/json") =>
  new Request("http://localhost/c/x", { headers: { "user-agent": userAgent, accept, [PEER_ADDRESS_HEADER]: ip } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  await flushCredentialEvents();
};
const count = (credentialId: string, type: string) => db.credentialEvent.count({ where: { credentialId, type } });

async function issued() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Counting Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Counter", description: "Counts.", criteria: { narrative: "Count." }, howToEarnUrl: "https://academy.example/earn" }));
  const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner") } }), { notify: false });
  return { org, credential };
}

describe("anonymous analytics events", () => {
  it("count 1,000 JSON-LD downloads by one visitor as one row per format", async () => {
    const { credential } = await issued();
    const ip = newIp();
    for (let i = 0; i < 1000; i++) {
      const response = await (i % 2 ? credentialJson : negotiatedJson)(request(ip), params(credential.id));
      expect(response.status).toBe(200);
    }
    await settle();
    // One per format: the negotiated JSON-LD and the credential.json file.
    expect(await db.credentialEvent.findMany({ where: { credentialId: credential.id, type: "downloaded" }, select: { channel: true }, orderBy: { channel: "asc" } })).toEqual([
      { channel: "json" },
      { channel: "jsonld" },
    ]);
  }, 180_000);

  it("count a visitor's repeated earn clicks once, and another visitor's again", async () => {
    const { credential } = await issued();
    const ip = newIp();
    for (let i = 0; i < 50; i++) expect((await earn(request(ip), params(credential.id))).status).toBe(302);
    await settle();
    expect(await count(credential.id, "cta_clicked")).toBe(1);
    await earn(request(newIp()), params(credential.id));
    await settle();
    expect(await count(credential.id, "cta_clicked")).toBe(2);
  });

  it("do not write a repeat that another instance already wrote", async () => {
    const { org, credential } = await issued();
    const event = { credentialId: credential.id, organizationId: org.id, type: "downloaded" as const, channel: "png", data: { visitor: "visitor-on-another-instance" } };
    await recordCredentialEvent(event);
    recordCredentialEventLater(event);
    await settle();
    expect(await count(credential.id, "downloaded")).toBe(1);
  });

  it(`cap one address at ${EVENTS_PER_IP.limit} an hour, however many visitors it claims to be`, async () => {
    const { credential } = await issued();
    const ip = newIp();
    for (let i = 0; i < EVENTS_PER_IP.limit + 100; i++) {
      recordCredentialEventLater({ credentialId: credential.id, type: "downloaded", channel: "json", ip, data: { visitor: `agent-${i}` } });
    }
    // Outside a request each event is written by its own flush: wait for them all.
    await vi.waitFor(async () => expect(await count(credential.id, "downloaded")).toBe(EVENTS_PER_IP.limit), { timeout: 15_000, interval: 200 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await count(credential.id, "downloaded")).toBe(EVENTS_PER_IP.limit);
  });

  it("record a link preview when a crawler fetches the share card of the cached page, once", async () => {
    const { credential } = await issued();
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await card(request(ip, LINKEDIN, "image/*"), params(credential.id))).status).toBe(200);
    await card(request(newIp(), PERSON, "image/*"), params(credential.id));
    await settle();
    const previews = await db.credentialEvent.findMany({ where: { credentialId: credential.id, type: "previewed" } });
    expect(previews).toHaveLength(1);
    expect(previews[0].data).toMatchObject({ agent: "LinkedInBot" });
  });
});
