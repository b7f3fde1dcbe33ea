import { describe, expect, it } from "vitest";
import { analyticsSummary } from "@/lib/analytics/summary";
import { resolveRange } from "@/lib/analytics/range";
import { flushCredentialEvents } from "@/lib/analytics/events";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, unique, uniqueEmail } from "@/lib/test/factories";
import { achievementEarnDestination, chooseEarnDestination, earnTarget } from "./earn-target";

const { GET: earnRoute } = await import("@/app/(main)/c/[id]/earn/route");

const ORG = "cm0000000000000000000org1";
const program = (overrides: Partial<{ id: string; name: string; visibility: string; archivedAt: Date | null }> = {}) => ({
  id: "cm00000000000000000prog01",
  name: "Cloud Path",
  visibility: "public",
  archivedAt: null,
  ...overrides,
});

describe("choosing where “Earn this badge” leads", () => {
  it("leads to the public program that awards the achievement first", () => {
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: false, howToEarnUrl: "https://academy.example/earn", programs: [program()] })).toEqual({
      kind: "program",
      href: "/p/cm00000000000000000prog01",
      programName: "Cloud Path",
    });
  });

  it("passes over members-only and archived programs, to the how-to-earn link", () => {
    const programs = [program({ id: "cm00000000000000000priv01", visibility: "members" }), program({ id: "cm00000000000000000arch01", archivedAt: new Date() })];
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: false, howToEarnUrl: "https://academy.example/earn", programs })).toEqual({
      kind: "howToEarn",
      href: "https://academy.example/earn",
    });
  });

  it("falls back to the issuer's page without a program or a usable link", () => {
    const issuer = { kind: "issuer", href: `/o/${ORG}` };
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: false, howToEarnUrl: null, programs: [] })).toEqual(issuer);
    // A stored link that is not http(s) is never followed.
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: false, howToEarnUrl: "javascript:alert(1)", programs: [] })).toEqual(issuer);
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: false, howToEarnUrl: null, programs: [program({ visibility: "members" })] })).toEqual(issuer);
  });

  it("sends people to the issuer when the badge is no longer awarded", () => {
    expect(chooseEarnDestination({ organizationId: ORG, achievementArchived: true, howToEarnUrl: "https://academy.example/earn", programs: [program()] })).toEqual({
      kind: "issuer",
      href: `/o/${ORG}`,
    });
  });
});

async function issuerWith(achievement: Record<string, unknown> = {}) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Earnest Academy");
  const created = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: unique("Cloud Fundamentals"), description: "Cloud basics.", criteria: { narrative: "Pass the lab." }, ...achievement }),
  );
  return { org, achievement: created };
}

async function programAwarding(organizationId: string, achievementId: string, data: { visibility?: string; archivedAt?: Date | null; name?: string } = {}, ruleDeleted = false) {
  return db.program.create({
    data: {
      organizationId,
      name: data.name ?? unique("Program"),
      visibility: data.visibility ?? "public",
      archivedAt: data.archivedAt ?? null,
      rules: { create: { organizationId, achievementId, kind: "loyalty", months: 3, deletedAt: ruleDeleted ? new Date() : null } },
    },
  });
}

const destinationOf = async (achievementId: string) => {
  const a = await db.achievement.findUniqueOrThrow({ where: { id: achievementId }, select: { id: true, organizationId: true, archivedAt: true, howToEarnUrl: true } });
  return achievementEarnDestination(a);
};

describe("the destination, from the database", () => {
  it("is the public program with a live rule awarding the achievement", async () => {
    const { org, achievement } = await issuerWith({ howToEarnUrl: "https://academy.example/earn" });
    await programAwarding(org.id, achievement.id, { visibility: "members" });
    await programAwarding(org.id, achievement.id, { archivedAt: new Date() });
    await programAwarding(org.id, achievement.id, {}, true);
    expect(await destinationOf(achievement.id)).toEqual({ kind: "howToEarn", href: "https://academy.example/earn" });

    const open = await programAwarding(org.id, achievement.id, { name: "Open Cloud Path" });
    expect(await destinationOf(achievement.id)).toEqual({ kind: "program", href: `/p/${open.id}`, programName: "Open Cloud Path" });
  });

  it("never takes another organization's program, even one with a rule naming the achievement", async () => {
    const { org, achievement } = await issuerWith();
    const other = await createOrgWith([], "Other Academy");
    await programAwarding(other.id, achievement.id);
    expect(await destinationOf(achievement.id)).toEqual({ kind: "issuer", href: `/o/${org.id}` });
  });
});

describe("/c/{id}/earn", () => {
  // Two people (a visitor is a daily pseudonym of address and browser).
  const PEOPLE = {
    desktop: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
    phone: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  };
  const click = (credentialId: string, person: keyof typeof PEOPLE) =>
    earnRoute(new Request(`${env().BASE_URL}/c/${credentialId}/earn`, { headers: { "user-agent": PEOPLE[person] } }), { params: Promise.resolve({ id: credentialId }) });

  it("redirects to the chosen page and each visitor's click shows in the issuer's funnel", async () => {
    const { org, achievement } = await issuerWith();
    const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("lee"), name: "Lee" } }), { notify: false });
    const before = (await analyticsSummary(org.id, resolveRange({}))).totals.earnClicks;

    const toIssuer = await click(credential.id, "desktop");
    expect(toIssuer.status).toBe(302);
    expect(toIssuer.headers.get("location")).toBe(`${env().BASE_URL}/o/${org.id}`);

    const open = await programAwarding(org.id, achievement.id);
    const toProgram = await click(credential.id, "phone");
    expect(toProgram.headers.get("location")).toBe(`${env().BASE_URL}/p/${open.id}`);
    expect((await earnTarget(credential.id))?.destination).toBe(`${env().BASE_URL}/p/${open.id}`);

    await new Promise((resolve) => setTimeout(resolve, 150));
    await flushCredentialEvents();
    const summary = await analyticsSummary(org.id, resolveRange({}));
    expect(summary.totals.earnClicks).toBe(before + 2);
    expect(summary.funnel.find((step) => step.key === "cta_clicked")?.count).toBe(before + 2);
  });
});
