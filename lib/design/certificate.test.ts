import { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream } from "pdf-lib";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it, vi } from "vitest";
import { GET as certificatePng } from "@/app/(main)/c/[id]/certificate.png/route";
import { db } from "@/lib/db";
import { parseInput } from "@/lib/errors";
import { createAchievement, updateAchievement } from "@/lib/issuing/achievements";
import { issueCredential } from "@/lib/issuing/issue-credential";
import { achievementInputSchema, issueCredentialSchema } from "@/lib/issuing/schemas";
import { publicUrls } from "@/lib/issuing/urls";
import { createOrgWith, createUser, uniqueEmail } from "@/lib/test/factories";
import { solidPng } from "@/lib/test/images";
import { CERTIFICATE_PNG_WIDTH } from "./certificate-png";
import { achievementCertificatePreviewPng } from "./certificate-preview";
import { credentialCertificatePdf, credentialCertificatePng, type CertificateWording } from "./credential-certificate";
import { pngDimensions } from "./uploads";

// The route reads its wording from next-intl, which needs a request outside Next.js.
vi.mock("next-intl/server", () => ({
  getTranslations: async () => (key: string) => key,
  getFormatter: async () => ({ dateTime: (date: Date) => date.toISOString().slice(0, 10) }),
}));

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

const signatureUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString("base64")}`;

function imageCount(doc: PDFDocument): number {
  const [page] = doc.getPages();
  const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of("XObject"), PDFDict);
  if (!xobjects) return 0;
  return xobjects.keys().filter((key) => (xobjects.lookup(key) as PDFRawStream).dict.get(PDFName.of("Subtype"))?.toString() === "/Image").length;
}

/** Decodes a PNG (through resvg) into RGBA pixels. */
function pixels(png: Uint8Array, width: number, height: number): Uint8Array {
  const href = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" href="${href}"/></svg>`;
  return new Uint8Array(new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels);
}

const rgbOf = (hexColour: string) => [1, 3, 5].map((i) => parseInt(hexColour.slice(i, i + 2), 16));

describe("certificate signatures and PNG preview", () => {
  it("draws each signer's signature image on the PDF", async () => {
    const signature = signatureUrl(solidPng(60, [200, 30, 30]));
    const plain = await PDFDocument.load((await credentialCertificatePdf((await issued()).credential.id, wording))!);
    const signed = await PDFDocument.load(
      (await credentialCertificatePdf((await issued({ paperSize: "A4", signers: [{ name: "Ada Director", title: "Director", signature }, { name: "Bo Dean" }] })).credential.id, wording))!,
    );
    expect(imageCount(signed)).toBe(imageCount(plain) + 1);
  });

  it("renders the same certificate as a PNG of the paper's proportions, in the org's colours, with the signature", async () => {
    const signature = signatureUrl(solidPng(60, [200, 30, 30]));
    const { org, credential } = await issued({ paperSize: "A4", signers: [{ name: "Ada Director", title: "Director", signature }] });
    const png = (await credentialCertificatePng(credential.id, wording))!;
    expect(Buffer.from(png.subarray(1, 4)).toString("latin1")).toBe("PNG");
    const { width, height } = pngDimensions(png);
    expect(width).toBe(CERTIFICATE_PNG_WIDTH);
    expect(height).toBe(Math.round((595.28 * CERTIFICATE_PNG_WIDTH) / 841.89));
    const rgba = pixels(png, width, height);
    const count = (match: (r: number, g: number, b: number) => boolean) => {
      let n = 0;
      for (let i = 0; i < rgba.length; i += 4) if (match(rgba[i], rgba[i + 1], rgba[i + 2])) n++;
      return n;
    };
    const total = width * height;
    const [pr, pg, pb] = rgbOf((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).primaryColor);
    const near = (a: number, b: number) => Math.abs(a - b) < 12;
    // The frame and the achievement name in the primary colour, dark text and QR code, a mostly white page.
    expect(count((r, g, b) => near(r, pr) && near(g, pg) && near(b, pb))).toBeGreaterThan(total * 0.01);
    expect(count((r, g, b) => r < 60 && g < 60 && b < 60)).toBeGreaterThan(total * 0.005);
    expect(count((r, g, b) => r > 245 && g > 245 && b > 245)).toBeGreaterThan(total * 0.5);
    // The signature (solid red here) sits above the signer's line, in the lower part of the page.
    let red = 0;
    for (let y = Math.floor(height * 0.6); y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (rgba[i] === 200 && rgba[i + 1] === 30 && rgba[i + 2] === 30) red++;
      }
    expect(red).toBeGreaterThan(1000);
  });

  it("serves the PNG at /c/{id}/certificate.png, and 404 when the achievement offers no certificate", async () => {
    const { credential } = await issued();
    const found = await certificatePng(new Request("http://localhost/"), { params: Promise.resolve({ id: credential.id }) });
    expect(found.status).toBe(200);
    expect(found.headers.get("content-type")).toBe("image/png");
    expect(pngDimensions(new Uint8Array(await found.arrayBuffer())).width).toBe(CERTIFICATE_PNG_WIDTH);
    const without = await issued(null);
    expect((await certificatePng(new Request("http://localhost/"), { params: Promise.resolve({ id: without.credential.id }) })).status).toBe(404);
    expect((await certificatePng(new Request("http://localhost/"), { params: Promise.resolve({ id: "missing" }) })).status).toBe(404);
    expect(await credentialCertificatePng(without.credential.id, wording)).toBeNull();
  });
});

describe("certificate preview for the editor", () => {
  it("renders the achievement's current certificate for a sample learner, and nothing without one", async () => {
    const { org, achievement } = await issued();
    const previewWording = { labels: wording.labels, formatDate: wording.formatDate, sampleLearner: "Alex Example" };
    const png = (await achievementCertificatePreviewPng(org.id, achievement.id, previewWording))!;
    expect(pngDimensions(png)).toEqual({ width: CERTIFICATE_PNG_WIDTH, height: Math.round((612 * CERTIFICATE_PNG_WIDTH) / 792) });
    expect(await achievementCertificatePreviewPng((await createOrgWith([], "Other")).id, achievement.id, previewWording)).toBeNull();
    const without = await issued(null);
    expect(await achievementCertificatePreviewPng(without.org.id, without.achievement.id, previewWording)).toBeNull();
  });
});
