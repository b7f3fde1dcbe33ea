import { PDFDocument, PDFName, PDFDict, PDFArray } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement, updateAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { credentialCertificatePdf, type CertificateWording } from "./credential-certificate";

const wording: CertificateWording = {
  labels: { heading: "Certificate of achievement", awardedTo: "This certifies that", forAchieving: "has earned", issued: "Issued", expires: "Expires", verify: "Verify at" },
  formatDate: (date) => date.toISOString().slice(0, 10),
  unnamedLearner: "The holder",
};

const base = {
  name: "Safety Lead",
  description: "Leads site safety.",
  criteria: { narrative: "Complete the course." },
  certificate: { paperSize: "Letter", signers: [{ name: "Ada Director", title: "Director" }] },
};

async function issued(certificate: unknown = base.certificate) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Certified Academy");
  const achievement = await createAchievement(org.id, parseInput(achievementInputSchema, { ...base, certificate }));
  const credential = await issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("learner"), name: "Lee Learner" } }),
    { notify: false },
  );
  return { org, achievement, credential };
}

describe("certificate PDF", () => {
  it("is a landscape page with the learner, metadata and a link to the credential", async () => {
    const { credential } = await issued();
    const pdf = (await credentialCertificatePdf(credential.id, wording))!;
    const doc = await PDFDocument.load(pdf);
    const [page] = doc.getPages();
    expect(page.getSize()).toEqual({ width: 792, height: 612 });
    expect(doc.getTitle()).toBe("Safety Lead — Lee Learner");
    expect(doc.getAuthor()).toBe("Certified Academy");
    const annots = page.node.lookup(PDFName.of("Annots"), PDFArray);
    const uris = annots.asArray().map((ref) => (doc.context.lookup(ref, PDFDict).lookup(PDFName.of("A"), PDFDict).get(PDFName.of("URI")) as unknown as { decodeText(): string }).decodeText());
    expect(uris).toContain(publicUrls.credential(credential.id));
    // Fonts are embedded with a Unicode map, so the text can be selected and searched.
    const fonts = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of("Type"))?.toString() === "/Font");
    expect(fonts.some((font) => font.has(PDFName.of("ToUnicode")))).toBe(true);
  });

  it("keeps the certificate of the version the credential was issued under", async () => {
    const { org, achievement, credential } = await issued();
    await updateAchievement(org.id, achievement.id, parseInput(achievementInputSchema, { ...base, name: "Safety Lead II", certificate: null }));
    expect(await credentialCertificatePdf(credential.id, wording)).not.toBeNull();
    const later = await issueCredential(org.id, parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("l") } }), { notify: false });
    expect(await credentialCertificatePdf(later.id, wording)).toBeNull();
    expect((await db.credential.findUniqueOrThrow({ where: { id: later.id } })).achievementVersion).toBe(2);
  });

  it("is absent when the achievement offers no certificate", async () => {
    const { credential } = await issued(null);
    expect(await credentialCertificatePdf(credential.id, wording)).toBeNull();
    expect(await credentialCertificatePdf("missing", wording)).toBeNull();
  });
});
