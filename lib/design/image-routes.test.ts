import { describe, expect, it } from "vitest";
import { GET as badgePng } from "@/app/(main)/c/[id]/badge.png/route";
import { GET as badgeSvg } from "@/app/(main)/c/[id]/badge.svg/route";
import { GET as versionPng } from "@/app/(main)/b/[id]/v/[version]/image.png/route";
import { GET as versionSvg } from "@/app/(main)/b/[id]/v/[version]/image.svg/route";
import { parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { unbakePng, unbakeSvg } from "@/lib/ob/bake";
import { createOrgWith, uniqueEmail } from "@/lib/test/factories";

const request = new Request("http://localhost/");
const params = <P,>(value: P) => ({ params: Promise.resolve(value) });

async function issued() {
  const org = await createOrgWith([], "Route Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Routes", description: "Serves images.", criteria: { narrative: "Ask." } }));
  const credential = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail() } }), { notify: false });
  return { achievement, credential };
}

describe("badge image routes", () => {
  it("serve a version's image with immutable caching, and SVG under a restrictive CSP", async () => {
    const { achievement } = await issued();
    const png = await versionPng(request, params({ id: achievement.id, version: "1" }));
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const svg = await versionSvg(request, params({ id: achievement.id, version: "1" }));
    expect(svg.headers.get("content-type")).toContain("image/svg+xml");
    expect(svg.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(await svg.text()).toMatch(/^<svg/);
    for (const version of ["2", "0", "abc", "1.5"]) {
      const missing = await versionPng(request, params({ id: achievement.id, version }));
      expect(missing.status).toBe(404);
      expect(missing.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("download the credential baked into its badge as an attachment", async () => {
    const { credential } = await issued();
    const png = await badgePng(request, params({ id: credential.id }));
    expect(png.headers.get("content-disposition")).toBe(`attachment; filename="badge-${credential.id}.png"`);
    expect(JSON.parse(unbakePng(new Uint8Array(await png.arrayBuffer()))!.payload).id).toBe(credential.url);
    const svg = await badgeSvg(request, params({ id: credential.id }));
    expect(svg.headers.get("content-disposition")).toBe(`attachment; filename="badge-${credential.id}.svg"`);
    expect(JSON.parse(unbakeSvg(await svg.text())!.payload).id).toBe(credential.url);
    expect((await badgePng(request, params({ id: "nope" }))).status).toBe(404);
  });
});
