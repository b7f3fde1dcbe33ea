import { readFileSync } from "node:fs";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { layoutOps, type Op, type Pictures } from "./certificate-layouts";
import { signatureBytes } from "./certificate-signature";
import { certificatePageSize, type CertificateLayout, type CertificateTemplate } from "./certificate-template";

/** Landscape page sizes in PDF points. */
export const PAGE: Record<CertificateTemplate["paperSize"], [number, number]> = { A4: [841.89, 595.28], Letter: [792, 612] };

export type CertificateContent = {
  /** Without a layout, the classic one (as every certificate before layouts). */
  template: Omit<CertificateTemplate, "layout"> & { layout?: CertificateLayout };
  org: { name: string; logo: string | null; primaryColor: string; secondaryColor: string };
  learnerName: string;
  achievementName: string;
  achievementType: string;
  /** The badge of the credential's achievement version (PNG), drawn beside the text. */
  badgePng: Uint8Array | null;
  /** Dates already formatted for the reader's language. */
  issuedOn: string;
  validUntil: string | null;
  /** The credential's public page (its id); the QR code and the link point here. */
  verifyUrl: string;
  labels: { heading: string; awardedTo: string; forAchieving: string; issued: string; expires: string; verify: string };
};

export const font = (weight: 400 | 700) => readFileSync(join(process.cwd(), "node_modules/@fontsource/inter/files", `inter-latin-${weight}-normal.woff`));

const hex = (color: string) => rgb(parseInt(color.slice(1, 3), 16) / 255, parseInt(color.slice(3, 5), 16) / 255, parseInt(color.slice(5, 7), 16) / 255);
const INK = rgb(0.11, 0.1, 0.09);
const MUTED = rgb(0.34, 0.33, 0.31);

/** The largest size up to `max` at which `text` fits in `width`. */
function fit(text: string, f: PDFFont, max: number, width: number): number {
  let size = max;
  while (size > 10 && f.widthOfTextAtSize(text, size) > width) size -= 1;
  return size;
}

function centred(page: PDFPage, text: string, y: number, f: PDFFont, size: number, color = INK, centreX = page.getWidth() / 2) {
  page.drawText(text, { x: centreX - f.widthOfTextAtSize(text, size) / 2, y, size, font: f, color });
}

/** A clickable area: verifiers and readers can follow it from the PDF. */
function link(doc: PDFDocument, page: PDFPage, url: string, [x, y, w, h]: [number, number, number, number]) {
  const annotation = doc.context.register(
    doc.context.obj({ Type: "Annot", Subtype: "Link", Rect: [x, y, x + w, y + h], Border: [0, 0, 0], A: { Type: "Action", S: "URI", URI: PDFString.of(url) } }),
  );
  const existing = page.node.Annots();
  if (existing) existing.push(annotation);
  else page.node.set(PDFName.of("Annots"), doc.context.obj([annotation]));
}

async function embedLogo(doc: PDFDocument, logo: string | null) {
  // SVG and WebP logos are left out rather than rasterised here, as are images over the budget.
  const image = signatureBytes(logo);
  if (!image) return null;
  return image.type === "png" ? doc.embedPng(image.bytes) : doc.embedJpg(image.bytes);
}

/**
 * A landscape certificate as PDF: fonts embedded (text stays selectable and searchable), a QR
 * code and a link annotation to the credential's verification page, and document metadata.
 */
export async function renderCertificatePdf(content: CertificateContent): Promise<Uint8Array> {
  if ((content.template.layout ?? "classic") !== "classic") return renderLayoutPdf(content);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([doc.embedFont(font(400), { subset: true }), doc.embedFont(font(700), { subset: true })]);
  const [width, height] = PAGE[content.template.paperSize];
  const page = doc.addPage([width, height]);
  const primary = hex(content.org.primaryColor);
  const secondary = hex(content.org.secondaryColor);

  setMetadata(doc, content);

  // Frame in the organization's colours.
  page.drawRectangle({ x: 18, y: 18, width: width - 36, height: height - 36, borderColor: primary, borderWidth: 6 });
  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 60, borderColor: secondary, borderWidth: 1.5 });

  const top = height - 70;
  const logo = await embedLogo(doc, content.org.logo).catch(() => null);
  if (logo) {
    const scaled = logo.scaleToFit(140, 48);
    page.drawImage(logo, { x: width / 2 - scaled.width / 2, y: top - scaled.height + 10, ...scaled });
  }
  const orgY = logo ? top - 62 : top - 10;
  centred(page, content.org.name, orgY, bold, fit(content.org.name, bold, 16, width - 160), primary);
  centred(page, content.labels.heading.toUpperCase(), orgY - 50, bold, 30, INK);

  // Badge on the left when there is one; the text column stays centred on the page.
  if (content.badgePng) {
    const badge = await doc.embedPng(content.badgePng).catch(() => null);
    if (badge) page.drawImage(badge, { x: 70, y: height / 2 - 70, width: 120, height: 120 });
  }

  const textWidth = width - 2 * 220;
  let y = orgY - 100;
  centred(page, content.labels.awardedTo, y, regular, 13, MUTED);
  y -= 44;
  centred(page, content.learnerName, y, bold, fit(content.learnerName, bold, 36, textWidth), INK);
  page.drawLine({ start: { x: width / 2 - 170, y: y - 10 }, end: { x: width / 2 + 170, y: y - 10 }, thickness: 1, color: secondary });
  y -= 40;
  centred(page, content.labels.forAchieving, y, regular, 13, MUTED);
  y -= 34;
  centred(page, content.achievementName, y, bold, fit(content.achievementName, bold, 24, textWidth), primary);
  y -= 30;
  const dates = [`${content.labels.issued} ${content.issuedOn}`, content.validUntil ? `${content.labels.expires} ${content.validUntil}` : null].filter(Boolean).join("   ·   ");
  centred(page, dates, y, regular, 12, MUTED);

  // Signers along the bottom, each over a line.
  const signers = content.template.signers;
  const signatures = await Promise.all(
    signers.map(async (signer) => {
      const image = signatureBytes(signer.signature);
      if (!image) return null;
      return (image.type === "png" ? doc.embedPng(image.bytes) : doc.embedJpg(image.bytes)).catch(() => null);
    }),
  );
  signers.forEach((signer, i) => {
    const slot = (width - 260) / Math.max(signers.length, 1);
    const cx = 90 + slot * i + slot / 2;
    page.drawLine({ start: { x: cx - 90, y: 112 }, end: { x: cx + 90, y: 112 }, thickness: 0.8, color: INK });
    const signature = signatures[i];
    if (signature) {
      const scaled = signature.scaleToFit(160, 44);
      page.drawImage(signature, { x: cx - scaled.width / 2, y: 116, ...scaled });
    }
    centred(page, signer.name, 96, bold, fit(signer.name, bold, 12, 180), INK, cx);
    if (signer.title) centred(page, signer.title, 82, regular, fit(signer.title, regular, 10, 180), MUTED, cx);
  });

  // QR code (drawn as vector squares) and the short URL, both links to the verification page.
  const qr = QRCode.create(content.verifyUrl, { errorCorrectionLevel: "M" });
  const cells = qr.modules.size;
  const qrSize = 84;
  const cell = qrSize / cells;
  const qrX = width - 60 - qrSize;
  const qrY = 74;
  for (let row = 0; row < cells; row++)
    for (let col = 0; col < cells; col++)
      if (qr.modules.get(row, col)) page.drawRectangle({ x: qrX + col * cell, y: qrY + qrSize - (row + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: INK });
  const shortUrl = content.verifyUrl.replace(/^https?:\/\//, "");
  const urlSize = fit(shortUrl, regular, 8, 220);
  const urlWidth = regular.widthOfTextAtSize(shortUrl, urlSize);
  page.drawText(content.labels.verify, { x: qrX + qrSize - regular.widthOfTextAtSize(content.labels.verify, 8), y: qrY - 14, size: 8, font: regular, color: MUTED });
  page.drawText(shortUrl, { x: qrX + qrSize - urlWidth, y: qrY - 25, size: urlSize, font: regular, color: primary });
  link(doc, page, content.verifyUrl, [qrX, qrY, qrSize, qrSize]);
  link(doc, page, content.verifyUrl, [qrX + qrSize - urlWidth, qrY - 28, urlWidth, urlSize + 4]);

  return doc.save();
}

/** What a certificate PDF says about itself (title, author, subject, keywords). */
function setMetadata(doc: PDFDocument, content: CertificateContent) {
  doc.setTitle(`${content.achievementName} — ${content.learnerName}`);
  doc.setAuthor(content.org.name);
  doc.setSubject(`${content.labels.heading}: ${content.achievementName}`);
  doc.setKeywords([content.achievementType, content.verifyUrl]);
  doc.setCreator("Laurel");
  doc.setProducer("Laurel");
  doc.setLanguage("und");
}

async function embedPicture(doc: PDFDocument, dataUrlOrPng: string | Uint8Array | null | undefined) {
  if (dataUrlOrPng instanceof Uint8Array) return doc.embedPng(dataUrlOrPng).catch(() => null);
  const image = signatureBytes(dataUrlOrPng);
  if (!image) return null;
  return (image.type === "png" ? doc.embedPng(image.bytes) : doc.embedJpg(image.bytes)).catch(() => null);
}

/** A certificate in one of the newer layouts (certificate-layouts.ts): the same drawing the PNG makes. */
async function renderLayoutPdf(content: CertificateContent): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([doc.embedFont(font(400), { subset: true }), doc.embedFont(font(700), { subset: true })]);
  const fonts = { 400: regular, 700: bold };
  const [width, height] = certificatePageSize(content.template);
  const page = doc.addPage([width, height]);
  setMetadata(doc, content);

  const [logo, badge, ...signatures] = await Promise.all([
    embedPicture(doc, content.org.logo),
    embedPicture(doc, content.badgePng),
    ...content.template.signers.map((signer) => embedPicture(doc, signer.signature)),
  ]);
  const size = (image: { width: number; height: number } | null) => (image ? { width: image.width, height: image.height } : null);
  const pictures: Pictures = { logo: size(logo), badge: size(badge), signatures: signatures.map(size) };
  const ops = layoutOps(content, pictures, (text, weight, at) => fonts[weight].widthOfTextAtSize(text, at));
  for (const op of ops) drawPdfOp(doc, page, op, { fonts, logo, badge, signatures });
  return doc.save();
}

type Embedded = Awaited<ReturnType<typeof embedPicture>>;

function drawPdfOp(doc: PDFDocument, page: PDFPage, op: Op, { fonts, logo, badge, signatures }: { fonts: Record<400 | 700, PDFFont>; logo: Embedded; badge: Embedded; signatures: Embedded[] }) {
  switch (op.kind) {
    case "rect":
      page.drawRectangle({ x: op.x, y: op.y, width: op.w, height: op.h, color: hex(op.fill) });
      return;
    case "line":
      page.drawLine({ start: { x: op.x1, y: op.y }, end: { x: op.x2, y: op.y }, thickness: op.thickness, color: hex(op.color) });
      return;
    case "text": {
      const f = fonts[op.weight];
      const w = f.widthOfTextAtSize(op.text, op.size);
      const x = op.align === "left" ? op.x : op.align === "center" ? op.x - w / 2 : op.x - w;
      page.drawText(op.text, { x, y: op.y, size: op.size, font: f, color: hex(op.color) });
      return;
    }
    case "image": {
      const image = op.image === "logo" ? logo : op.image === "badge" ? badge : signatures[op.image];
      if (image) page.drawImage(image, { x: op.x, y: op.y, width: op.w, height: op.h });
      return;
    }
    case "qr": {
      const qr = QRCode.create(op.url, { errorCorrectionLevel: "M" });
      const cells = qr.modules.size;
      const cell = op.size / cells;
      for (let row = 0; row < cells; row++)
        for (let col = 0; col < cells; col++)
          if (qr.modules.get(row, col)) page.drawRectangle({ x: op.x + col * cell, y: op.y + op.size - (row + 1) * cell, width: cell + 0.05, height: cell + 0.05, color: hex(op.color) });
      return;
    }
    case "link":
      link(doc, page, op.url, [op.x, op.y, op.w, op.h]);
      return;
  }
}
