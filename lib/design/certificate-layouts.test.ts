import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError, parseInput } from "@/lib/errors";
import { createAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";
import { renderCertificatePdf } from "./certificate-pdf";
import { certificateDraftSchema } from "./certificate-preview";
import { certificateTemplateInputSchema, certificateTemplateSchema, CERTIFICATE_LAYOUTS, PAPER_SIZES } from "./certificate-template";
import { credentialCertificatePdf, type CertificateWording } from "./credential-certificate";
import { pixelDifference, readPdfPage, referenceContent } from "./test/certificate-pages";

const wording: CertificateWording = {
  labels: { heading: "Certificate of achievement", awardedTo: "This certifies that", forAchieving: "has earned", issued: "Issued", expires: "Expires", verify: "Verify at" },
  formatDate: (date) => date.toISOString().slice(0, 10),
  unnamedLearner: "The holder",
};

const signers = [{ name: "Ada Director", title: "Director" }, { name: "Grace Hopper", title: "Dean" }];

/** An achievement with this certificate, issued to Lee Learner, through the same code the API and the form use. */
async function issuedWith(certificate: unknown) {
  const owner = await createUser();
  const org = await createOrgWith([{ userId: owner.id, role: "owner" }], "Northwind Training Institute");
  const achievement = await createAchievement(
    org.id,
    parseInput(achievementInputSchema, { name: "Cloud Fundamentals", description: "Runs workloads in the cloud.", criteria: { narrative: "Pass the exam." }, certificate }),
  );
  const credential = await issueCredential(
    org.id,
    parseInput(issueCredentialSchema, { achievementId: achievement.id, recipient: { email: uniqueEmail("lee"), name: "Lee Learner" } }),
    { notify: false },
  );
  return { achievement, pdf: (await credentialCertificatePdf(credential.id, wording))! };
}

function fieldErrors(run: () => unknown): Record<string, { code: string }> | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).fields as Record<string, { code: string }>;
  }
  throw new Error("expected the input to be refused");
}

const reference = (layout: string, paper: string) => readFileSync(new URL(`./test/references/certificate-${layout}-${paper}.png`, import.meta.url));

describe("certificate layout and paper size, as saved", () => {
  it("saves the layout and paper chosen, and a certificate saved before layouts reads as classic", async () => {
    const { achievement } = await issuedWith({ paperSize: "Letter", layout: "minimal", signers });
    const stored = await db.achievement.findUniqueOrThrow({ where: { id: achievement.id }, select: { certificate: true } });
    expect(stored.certificate).toMatchObject({ paperSize: "Letter", layout: "minimal" });
    expect(certificateTemplateSchema.parse({ paperSize: "A4", signers: [] }).layout).toBe("classic");
  });

  it("refuses an unknown layout or paper size, naming the field, and writes nothing", async () => {
    const input = { name: "Cloud Fundamentals", description: "Runs workloads.", criteria: { narrative: "Pass." } };
    expect(fieldErrors(() => parseInput(achievementInputSchema, { ...input, certificate: { paperSize: "A4", layout: "baroque" } }))).toMatchObject({
      "certificate.layout": { code: "invalid_choice" },
    });
    expect(fieldErrors(() => parseInput(achievementInputSchema, { ...input, certificate: { paperSize: "A3", layout: "modern" } }))).toMatchObject({
      "certificate.paperSize": { code: "invalid_choice" },
    });
    expect(fieldErrors(() => parseInput(certificateTemplateInputSchema, { paperSize: "A4", layout: 3 }))).toMatchObject({ layout: { code: "invalid_choice" } });
    // The designer's live preview takes the same two choices, checked the same way.
    expect(fieldErrors(() => parseInput(certificateDraftSchema, { paperSize: "Legal", layout: "modern" }))).toMatchObject({ paperSize: { code: "invalid_choice" } });
    expect(fieldErrors(() => parseInput(certificateDraftSchema, { paperSize: "A4", layout: "modern", achievementId: "../other-org" }))).toMatchObject({ achievementId: { code: "invalid_format" } });
    // Refused at the edge: nothing reached the database.
    expect(await db.achievement.count({ where: { name: input.name, certificate: { path: ["layout"], equals: "baroque" } } })).toBe(0);
  });
});

describe("the PDF follows the layout and the paper", () => {
  const sizes = {
    classic: { A4: [841.89, 595.28], Letter: [792, 612] },
    modern: { A4: [841.89, 595.28], Letter: [792, 612] },
    minimal: { A4: [595.28, 841.89], Letter: [612, 792] },
  } as const;

  it.each(CERTIFICATE_LAYOUTS.flatMap((layout) => PAPER_SIZES.map((paper) => [layout, paper] as const)))(
    "%s on %s: the page has the paper's size, turned as the layout says, and the certificate's words",
    async (layout, paperSize) => {
      const { pdf } = await issuedWith({ paperSize, layout, signers });
      const page = readPdfPage(pdf);
      const [width, height] = sizes[layout][paperSize];
      expect(page.width).toBeCloseTo(width, 1);
      expect(page.height).toBeCloseTo(height, 1);
      for (const words of ["Lee Learner", "Cloud Fundamentals", "Northwind Training Institute", "CERTIFICATE OF ACHIEVEMENT", "Ada Director", "Grace Hopper", "Verify at"]) expect(page.text).toContain(words);
    },
  );

  it("switching the layout changes the certificate clearly; each layout matches its reference rendering", async () => {
    const badge = solidPng(320);
    const pictures: Record<string, Buffer> = {};
    for (const layout of CERTIFICATE_LAYOUTS) {
      pictures[layout] = readPdfPage(await renderCertificatePdf(referenceContent({ paperSize: "A4", layout, signers }, badge))).png;
      // The same layout as reviewed (classic: as drawn before layouts could be chosen).
      expect(pixelDifference(pictures[layout], reference(layout, "A4")), layout).toBeLessThan(0.005);
    }
    expect(pixelDifference(pictures.classic, pictures.modern)).toBeGreaterThan(0.15);
    // Portrait against landscape: not even the same picture size.
    expect(pixelDifference(pictures.modern, pictures.minimal)).toBe(1);
    const letter = readPdfPage(await renderCertificatePdf(referenceContent({ paperSize: "Letter", layout: "minimal", signers }, badge))).png;
    expect(pixelDifference(letter, reference("minimal", "Letter"))).toBeLessThan(0.005);
  });

  it("an issued credential's PDF switches with its achievement's layout", async () => {
    const classic = readPdfPage((await issuedWith({ paperSize: "A4", layout: "classic", signers })).pdf).png;
    const modern = readPdfPage((await issuedWith({ paperSize: "A4", layout: "modern", signers })).pdf).png;
    const modernAgain = readPdfPage((await issuedWith({ paperSize: "A4", layout: "modern", signers })).pdf).png;
    expect(pixelDifference(classic, modern)).toBeGreaterThan(0.15);
    // Two credentials in one layout differ only in their QR codes and links.
    expect(pixelDifference(modern, modernAgain)).toBeLessThan(0.03);
  });
});
