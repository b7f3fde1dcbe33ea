import { describe, expect, it } from "vitest";
import { parseInput } from "@/lib/errors";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { createAchievement } from "./achievements";
import { credentialDetail } from "./credential-detail";
import { issueCredential } from "./issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "./schemas";

describe("a credential as its issuer sees it", () => {
  it("shows the badge it was issued under, the result and the evidence as signed", async () => {
    const owner = await createUser();
    const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Detail Academy");
    const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { name: "Welding Basics", description: "Welds.", criteria: { narrative: "Weld." } }));
    const issued = await issueCredential(
      org.id,
      parseInput(issueCredentialSchema, {
        achievementId: achievement.id,
        recipient: { email: uniqueEmail("detail") },
        result: "Distinction",
        evidence: [{ id: "https://portfolio.example/welds", name: "Weld portfolio", description: "Twelve joints, photographed." }, { narrative: "Observed by the instructor." }],
      }),
      { notify: false },
    );

    const detail = await credentialDetail(org.id, issued.id);
    expect(detail.imageSrc).toBe(`/b/${achievement.id}/v/1/image.png`);
    expect(detail.results).toEqual([{ name: null, value: "Distinction" }]);
    expect(detail.evidence).toEqual([
      { id: "https://portfolio.example/welds", name: "Weld portfolio", description: "Twelve joints, photographed.", narrative: null },
      { id: null, name: null, description: null, narrative: "Observed by the instructor." },
    ]);
    expect(detail.validUntil).toBeNull();

    // Another organization's credential does not exist here.
    const other = await createOrgWith([{ userId: owner.id, role: "owner" }], "Other Academy");
    await expect(credentialDetail(other.id, issued.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
