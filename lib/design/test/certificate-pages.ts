import * as mupdf from "mupdf";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import type { CertificateContent } from "../certificate-pdf";

/** A PDF's first page as a person reads it: its size in points, its text, and a picture of it. */
export function readPdfPage(pdf: Uint8Array, scale = 0.75): { width: number; height: number; text: string; png: Buffer } {
  const doc = mupdf.Document.openDocument(pdf, "application/pdf");
  try {
    const page = doc.loadPage(0);
    const [x0, y0, x1, y1] = page.getBounds();
    const text = page.toStructuredText("preserve-whitespace").asText();
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    return { width: x1 - x0, height: y1 - y0, text, png: Buffer.from(pixmap.asPNG()) };
  } finally {
    doc.destroy();
  }
}

/** The share of pixels that differ perceptibly between two PNGs (1 when their sizes differ). */
export function pixelDifference(a: Buffer, b: Buffer): number {
  const left = PNG.sync.read(a);
  const right = PNG.sync.read(b);
  if (left.width !== right.width || left.height !== right.height) return 1;
  const differing = pixelmatch(left.data, right.data, undefined, left.width, left.height, { threshold: 0.1 });
  return differing / (left.width * left.height);
}

/** A certificate with fixed content (no dates or ids that change), for reference renderings. */
export function referenceContent(template: CertificateContent["template"], badgePng: Uint8Array | null): CertificateContent {
  return {
    template,
    org: { name: "Northwind Training Institute", logo: null, primaryColor: "#1d5fb4", secondaryColor: "#f2b705" },
    learnerName: "Lee Learner",
    achievementName: "Cloud Fundamentals",
    achievementType: "Certificate",
    badgePng,
    issuedOn: "7 December 2026",
    validUntil: "7 December 2028",
    verifyUrl: "https://badges.example.org/c/ck0000000000000000000000",
    labels: { heading: "Certificate of achievement", awardedTo: "This certifies that", forAchieving: "has earned", issued: "Issued", expires: "Expires", verify: "Verify at" },
  };
}
