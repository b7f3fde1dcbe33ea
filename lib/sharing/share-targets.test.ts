import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, uniqueEmail } from "@/lib/test/factories";
import { shareTargets } from "./share-targets";
import { SHARE_CHANNELS } from "./share-urls";

async function issued(extra: Record<string, unknown> = {}) {
  const org = await createOrgWith([], "Smith & Sons Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "R&D Fundamentals", description: "Does research.", criteria: { narrative: "Ask." } }));
  return issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail() }, ...extra }), { notify: false });
}

describe("shareTargets", () => {
  it("makes one tracked link per channel, once: a second call returns the same codes", async () => {
    const credential = await issued();
    const [first, second] = await Promise.all([shareTargets(credential.id), shareTargets(credential.id)]);
    const third = await shareTargets(credential.id);
    const rows = await db.shareLink.findMany({ where: { credentialId: credential.id } });
    expect(rows.map((row) => row.channel).sort()).toEqual([...SHARE_CHANNELS].sort());
    for (const channel of SHARE_CHANNELS) {
      const row = rows.find((r) => r.channel === channel)!;
      expect(row.code).toMatch(/^[0-9A-Za-z]{10,}$/);
      for (const targets of [first, second, third]) expect(targets.channels[channel].trackedUrl).toBe(`${env().BASE_URL}/s/${row.code}`);
    }
    expect(new Set(rows.map((row) => row.code)).size).toBe(SHARE_CHANNELS.length);
  });

  it("prefills LinkedIn's certification form with the credential's fields and its own tracked link", async () => {
    const credential = await issued({ validFrom: "2024-03-10T00:00:00Z", validUntil: "2027-11-20T00:00:00Z" });
    const targets = await shareTargets(credential.id);
    const url = new URL(targets.channels.linkedin_profile.actionUrl);
    expect(`${url.origin}${url.pathname}`).toBe("https://www.linkedin.com/profile/add");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "R&D Fundamentals",
      organizationName: "Smith & Sons Academy",
      issueYear: "2024",
      issueMonth: "3",
      expirationYear: "2027",
      expirationMonth: "11",
      certUrl: targets.channels.linkedin_profile.trackedUrl,
      certId: credential.id,
    });
    expect(targets.channels.linkedin_profile.sharePath).toBe(`/backpack/share/${credential.id}/linkedin_profile`);
    expect(new URL(targets.channels.linkedin.actionUrl).searchParams.get("url")).toBe(targets.channels.linkedin.trackedUrl);
    expect(new URL(targets.channels.x.actionUrl).searchParams.get("url")).toBe(targets.channels.x.trackedUrl);
    expect(new URL(targets.channels.facebook.actionUrl).searchParams.get("u")).toBe(targets.channels.facebook.trackedUrl);
    expect(targets.channels.link.actionUrl).toBe(targets.channels.link.trackedUrl);
  });

  it("sends the organization's LinkedIn company page id, once set in its settings, instead of its name", async () => {
    const credential = await issued();
    const { organizationId } = await db.credential.findUniqueOrThrow({ where: { id: credential.id }, select: { organizationId: true } });
    await db.organization.update({ where: { id: organizationId }, data: { linkedinOrganizationId: "2414183" } });
    const params = new URL((await shareTargets(credential.id)).channels.linkedin_profile.actionUrl).searchParams;
    expect(params.get("organizationId")).toBe("2414183");
    expect(params.has("organizationName")).toBe(false);
  });

  it("writes the email in the learner's language and embeds from the absolute base URL", async () => {
    const credential = await issued();
    const es = await shareTargets(credential.id, { locale: "es" });
    const email = new URL(es.channels.email.actionUrl);
    expect(email.protocol).toBe("mailto:");
    expect(email.searchParams.get("subject")).toBe("Mi credencial «R&D Fundamentals» de Smith & Sons Academy");
    expect(email.searchParams.get("body")).toContain(es.channels.email.trackedUrl);
    expect(es.embed.iframeHtml).toContain(`src="${env().BASE_URL}/c/${credential.id}/embed"`);
    expect(es.embed.scriptHtml).toContain(`src="${env().BASE_URL}/embed.js"`);
    expect(es.embed.scriptHtml).toContain(`data-laurel-credential="${credential.id}"`);
    await expect(shareTargets("no-such-credential")).rejects.toMatchObject({ code: "not_found" });
  });
});
