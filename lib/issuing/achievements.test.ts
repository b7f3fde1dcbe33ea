import { describe, expect, it } from "vitest";
import { resolveOrgAccess } from "@/lib/auth/org-access";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { achievementVersionImage, bakedCredentialBadge } from "@/lib/design/achievement-image";
import { pngDimensions } from "@/lib/design/uploads";
import { AppError, parseInput } from "@/lib/errors";
import { unbakePng, unbakeSvg } from "@/lib/ob/bake";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { achievementDetail, createAchievement, listAchievements, setAchievementArchived, updateAchievement } from "./achievements";
import { issueCredential } from "./issue-credential";
import { achievementFormSchema, achievementInputSchema, issueCredentialSchema } from "./schemas";
import { publicUrls } from "./urls";

const base = {
  name: "Data Literacy",
  description: "Reads charts and tables critically.",
  criteria: { narrative: "Pass the final assessment." },
  design: { template: "shield", primaryColor: "#1f5f4a", secondaryColor: "#d9a521", icon: "star", title: "Data Literacy", border: true },
};

async function setup() {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Versioned Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, base), { userId: owner.id });
  return { owner, org, achievement };
}

const issue = (orgId: string, achievementId: string) =>
  issueCredential(orgId, parseInput(issueCredentialSchema, { achievementId, recipient: { email: uniqueEmail("learner") } }), { notify: false });

const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as AppError);

describe("achievement versions", () => {
  it("an edit makes version 2 with a snapshot of version 1; credentials keep their version and image", async () => {
    const { org, achievement } = await setup();
    expect(achievement.version).toBe(1);
    const v1Png = achievement.imagePng!;
    const first = await issue(org.id, achievement.id);

    const edited = await updateAchievement(org.id, achievement.id, parseInput(achievementInputSchema, {
      ...base,
      name: "Data Literacy II",
      design: { ...base.design, template: "circle", title: "Data Literacy II" },
    }));
    expect(edited.version).toBe(2);
    const snapshot = await db.achievementVersion.findUniqueOrThrow({ where: { achievementId_version: { achievementId: achievement.id, version: 1 } } });
    expect(snapshot.snapshot).toMatchObject({ name: "Data Literacy", design: { template: "shield" } });

    const second = await issue(org.id, achievement.id);
    const [old, current] = await Promise.all([first, second].map((c) => db.credential.findUniqueOrThrow({ where: { id: c.id } })));
    expect(old.achievementVersion).toBe(1);
    expect(current.achievementVersion).toBe(2);
    const imageOf = (credential: typeof old) => ((credential.document as { credentialSubject: { achievement: { image: { id: string } } } }).credentialSubject.achievement.image.id);
    expect(imageOf(old)).toBe(publicUrls.achievementImage(achievement.id, 1));
    expect(imageOf(current)).toBe(publicUrls.achievementImage(achievement.id, 2));
    expect((old.document as { credentialSubject: { achievement: { name: string } } }).credentialSubject.achievement.name).toBe("Data Literacy");

    // Version 1's image is re-rendered from its snapshot and is the image it always was.
    expect(Buffer.from((await achievementVersionImage(achievement.id, 1, "png")) as Uint8Array)).toEqual(Buffer.from(v1Png));
    expect(Buffer.from((await achievementVersionImage(achievement.id, 2, "png")) as Uint8Array)).not.toEqual(Buffer.from(v1Png));
    expect(await achievementVersionImage(achievement.id, 3, "png")).toBeNull();

    const detail = await achievementDetail(org.id, achievement.id);
    expect(detail.versions.map((v) => [v.version, v.name, v.credentialCount])).toEqual([[2, "Data Literacy II", 1], [1, "Data Literacy", 1]]);
  });

  it("bakes the credential into the badge of its own version, as PNG and SVG", async () => {
    const { org, achievement } = await setup();
    const issued = await issue(org.id, achievement.id);
    const png = (await bakedCredentialBadge(issued.id, "png")) as Uint8Array;
    expect(pngDimensions(png).width).toBe(600);
    expect(JSON.parse(unbakePng(png)!.payload).id).toBe(issued.url);
    const svg = (await bakedCredentialBadge(issued.id, "svg")) as string;
    expect(JSON.parse(unbakeSvg(svg)!.payload).id).toBe(issued.url);
    expect(await bakedCredentialBadge("no-such-credential", "png")).toBeNull();
  });

  it("an edit with nothing new for the image keeps the uploaded image in the old version's snapshot", async () => {
    const { org, achievement } = await setup();
    const upload = { png: achievement.imagePng!, svg: "<svg xmlns=\"http://www.w3.org/2000/svg\"/>" };
    await updateAchievement(org.id, achievement.id, parseInput(achievementInputSchema, { ...base, design: undefined }), undefined, { upload });
    const v3 = await updateAchievement(org.id, achievement.id, parseInput(achievementInputSchema, { ...base, design: undefined, description: "New words." }));
    expect(v3.version).toBe(3);
    expect(v3.design).toBeNull();
    expect(v3.imageSvg).toBe(upload.svg);
    expect(await achievementVersionImage(achievement.id, 2, "svg")).toBe(upload.svg);
  });

  it("without a design or image, a new achievement gets a default badge in the org's colours", async () => {
    const { org } = await setup();
    const plain = await createAchievement(org.id, parseInput(achievementInputSchema, { ...base, design: undefined }));
    expect(plain.design).toMatchObject({ template: "circle", primaryColor: "#1f5f4a", title: "Data Literacy" });
    expect(plain.imagePng).not.toBeNull();
  });
});

describe("archiving", () => {
  it("blocks issuing and hides the achievement from the active list; unarchiving restores it", async () => {
    const { org, achievement } = await setup();
    await setAchievementArchived(org.id, achievement.id, true);
    const error = await errorOf(issue(org.id, achievement.id));
    expect(error).toBeInstanceOf(AppError);
    expect(error!.code).toBe("conflict");
    expect((await listAchievements(org.id)).map((a) => a.id)).not.toContain(achievement.id);
    expect((await listAchievements(org.id, { archived: true })).map((a) => a.id)).toContain(achievement.id);
    await setAchievementArchived(org.id, achievement.id, false);
    await expect(issue(org.id, achievement.id)).resolves.toMatchObject({ status: "issued" });
  });

  it("another organization's achievement is not found", async () => {
    const { achievement } = await setup();
    const other = await createOrgWith([], "Other");
    expect((await errorOf(setAchievementArchived(other.id, achievement.id, true)))!.code).toBe("not_found");
    expect((await errorOf(updateAchievement(other.id, achievement.id, parseInput(achievementInputSchema, base))))!.code).toBe("not_found");
  });
});

describe("the achievement form", () => {
  const form = (fields: Record<string, string>) => achievementFormSchema.safeParse(fields);

  it("turns flat form fields into the shared input", () => {
    const parsed = form({
      name: "Team Lead", description: "Leads a team.", "criteria.narrative": "Lead a project.", achievementType: "Award",
      tags: "leadership, teams, leadership", "alignment.0.targetName": "Leading", "alignment.0.targetUrl": "https://example.org/lead",
      "alignment.1.targetName": "", "expiresAfter.unit": "months", "expiresAfter.value": "12", evidenceRequired: "on",
      certificateEnabled: "on", "certificate.paperSize": "Letter", imageSource: "design", "design.template": "hexagon",
      "design.primaryColor": "#112233", "design.secondaryColor": "#445566", "design.icon": "trophy", "design.title": "Team Lead",
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({
      tags: ["leadership", "teams"],
      alignment: [{ targetName: "Leading", targetUrl: "https://example.org/lead" }],
      expiresAfter: { value: 12, unit: "months" },
      evidenceRequired: true,
      certificate: { paperSize: "Letter", signers: [] },
      design: { template: "hexagon", border: false },
    });
  });

  it("gives a badge without a title the achievement's name", () => {
    const parsed = form({
      name: "Community Champion", description: "Helps others.", "criteria.narrative": "Help.", imageSource: "design", "design.template": "circle",
      "design.primaryColor": "#112233", "design.secondaryColor": "#445566", "design.icon": "star", "design.title": " ",
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.design?.title).toBe("Community Champion");
  });

  it("reports errors on the fields' own names", () => {
    const parsed = form({ name: "", description: "x", "criteria.id": "not a url", "alignment.0.targetName": "A", "alignment.0.targetUrl": "nope", "expiresAfter.unit": "days", "expiresAfter.value": "0", imageSource: "design", "design.template": "circle", "design.title": "" });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "criteria.id", "alignment.0.targetUrl", "expiresAfter.value", "design.title"]));
  });
});

describe("roles", () => {
  it("designing achievements needs an admin: a viewer and an issuer are refused, an admin is let in", async () => {
    expect(REQUIRED_ROLE["achievements:design"]).toBe("admin");
    const [viewer, issuer, admin] = await Promise.all([createUser(), createUser(), createUser()]);
    const org = await createOrgWith([{ userId: viewer.id, role: "viewer" }, { userId: issuer.id, role: "issuer" }, { userId: admin.id, role: "admin" }]);
    for (const user of [viewer, issuer]) {
      expect((await errorOf(resolveOrgAccess(user.id, org.slug, REQUIRED_ROLE["achievements:design"])))!.code).toBe("forbidden");
    }
    await expect(resolveOrgAccess(admin.id, org.slug, REQUIRED_ROLE["achievements:design"])).resolves.toMatchObject({ role: "admin" });
  });
});
