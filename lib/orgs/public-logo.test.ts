import { describe, expect, it } from "vitest";
import { GET as logoRoute } from "@/app/(main)/o/[orgId]/logo/route";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/client-ip";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementPageData, credentialPageData, issuerPageData } from "@/lib/issuing/public-views";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";

const PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
const getLogo = (orgId: string) =>
  logoRoute(new Request(`http://localhost/o/${orgId}/logo`, { headers: { [PEER_ADDRESS_HEADER]: "192.0.2.80" } }), { params: Promise.resolve({ orgId }) });

describe("an organization's logo on public pages", () => {
  it("is linked by a versioned URL that serves its bytes, never inlined into the page", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Logo Academy");
    await db.organization.update({ where: { id: org.id }, data: { logo: `data:image/png;base64,${PNG_1PX}` } });
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Logo Keeper", description: "Keeps logos.", criteria: { narrative: "Keep." } }));
    const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("logo") } }), { notify: false });

    const issuerPage = await issuerPageData(org.id);
    const logoUrl = issuerPage!.logo!;
    expect(logoUrl).toMatch(new RegExp(`^/o/${org.id}/logo\\?v=[0-9a-z]+$`));
    expect((await achievementPageData(achievement.id))!.organization.logo).toBe(logoUrl);
    expect((await credentialPageData(credential.id))!.organization.logo).toBe(logoUrl);
    expect(JSON.stringify(issuerPage)).not.toContain("data:image");

    const response = await getLogo(org.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(PNG_1PX, "base64"));

    // A new logo is a new URL, so no browser keeps showing the old one.
    await db.organization.update({ where: { id: org.id }, data: { logo: `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString("base64")}` } });
    expect((await issuerPageData(org.id))!.logo).not.toBe(logoUrl);
    expect((await getLogo(org.id)).headers.get("content-type")).toBe("image/svg+xml");

    await db.organization.update({ where: { id: org.id }, data: { logo: null } });
    expect((await issuerPageData(org.id))!.logo).toBeNull();
    expect((await getLogo(org.id)).status).toBe(404);
  });
});
