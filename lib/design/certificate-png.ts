// Server code (fonts from disk, native resvg).
import fontkit from "@pdf-lib/fontkit";
import { Resvg } from "@resvg/resvg-js";
import { PDFDocument } from "pdf-lib";
import QRCode from "qrcode";
import satori from "satori";
import { layoutOps, type Op } from "./certificate-layouts";
import { font, PAGE, type CertificateContent } from "./certificate-pdf";
import { certificatePageSize } from "./certificate-template";
import { signatureBytes } from "./certificate-signature";

/** Width of the PNG preview in pixels; the height follows the paper's proportions. */
export const CERTIFICATE_PNG_WIDTH = 1600;

const INK = "#1c1a17";
const MUTED = "#57544f";
// Where Inter's baseline sits below the top of a line box of height 1em.
const BASELINE = 0.864;

type Node = { type: string; props: Record<string, unknown> };
type Image = { src: string; width: number; height: number };

let cache: { metrics: Record<400 | 700, ReturnType<typeof fontkit.create>>; satori: { name: string; data: Buffer; weight: 400 | 700; style: "normal" }[] } | undefined;
function fonts() {
  if (!cache) {
    const data = { 400: font(400), 700: font(700) };
    cache = {
      metrics: { 400: fontkit.create(data[400]), 700: fontkit.create(data[700]) },
      satori: ([400, 700] as const).map((weight) => ({ name: "Inter", weight, style: "normal" as const, data: data[weight] })),
    };
  }
  return cache;
}

/** Same measure as the PDF's: the largest size up to `max` at which `text` fits in `width`. */
function fit(text: string, weight: 400 | 700, max: number, width: number): number {
  const f = fonts().metrics[weight];
  const at = (size: number) => (f.layout(text).advanceWidth / f.unitsPerEm) * size;
  let size = max;
  while (size > 10 && at(size) > width) size -= 1;
  return size;
}

/** A PNG or JPEG data URL with its size in pixels, or null (SVG and WebP logos are left out, as in the PDF). */
async function image(doc: PDFDocument, dataUrl: string | null | undefined): Promise<Image | null> {
  const parsed = signatureBytes(dataUrl);
  if (!parsed) return null;
  try {
    const embedded = await (parsed.type === "png" ? doc.embedPng(parsed.bytes) : doc.embedJpg(parsed.bytes));
    return { src: `data:image/${parsed.type};base64,${Buffer.from(parsed.bytes).toString("base64")}`, width: embedded.width, height: embedded.height };
  } catch {
    return null;
  }
}

const scaleToFit = (img: Image, w: number, h: number) => {
  const ratio = Math.min(w / img.width, h / img.height);
  return { width: img.width * ratio, height: img.height * ratio };
};

/**
 * The certificate as an SVG, laid out like the PDF (same positions, in PDF points measured from
 * the top): text is outlined by satori, so the SVG needs no fonts to draw.
 */
export async function renderCertificateSvg(content: CertificateContent, pixelWidth = CERTIFICATE_PNG_WIDTH): Promise<string> {
  if ((content.template.layout ?? "classic") !== "classic") return renderLayoutSvg(content, pixelWidth);
  const [width, height] = PAGE[content.template.paperSize];
  const s = pixelWidth / width;
  const W = pixelWidth;
  const H = Math.round(height * s);
  const primary = content.org.primaryColor;
  const secondary = content.org.secondaryColor;
  const nodes: Node[] = [];
  const shapes: string[] = [];

  const text = (value: string, baseline: number, weight: 400 | 700, size: number, color: string, cx = width / 2, box = width - 80, align: "center" | "right" = "center") => {
    const left = align === "center" ? cx - box / 2 : cx - box;
    nodes.push({
      type: "div",
      props: {
        style: {
          position: "absolute", display: "flex", justifyContent: align === "center" ? "center" : "flex-end",
          left: left * s, width: box * s, top: (height - baseline - BASELINE * size) * s,
          fontFamily: "Inter", fontWeight: weight, fontSize: size * s, lineHeight: 1, color, whiteSpace: "pre",
        },
        children: value,
      },
    });
  };
  const picture = (img: Image, x: number, bottom: number, w: number, h: number) =>
    nodes.push({ type: "img", props: { src: img.src, width: w * s, height: h * s, style: { position: "absolute", left: x * s, top: (height - bottom - h) * s, width: w * s, height: h * s } } });
  const line = (x1: number, x2: number, y: number, thickness: number, color: string) =>
    shapes.push(`<line x1="${x1}" y1="${height - y}" x2="${x2}" y2="${height - y}" stroke="${color}" stroke-width="${thickness}"/>`);

  // Frame in the organization's colours.
  shapes.push(`<rect x="18" y="18" width="${width - 36}" height="${height - 36}" fill="none" stroke="${primary}" stroke-width="6"/>`);
  shapes.push(`<rect x="30" y="30" width="${width - 60}" height="${height - 60}" fill="none" stroke="${secondary}" stroke-width="1.5"/>`);

  const scratch = await PDFDocument.create();
  const top = height - 70;
  const logo = await image(scratch, content.org.logo);
  if (logo) {
    const scaled = scaleToFit(logo, 140, 48);
    picture(logo, width / 2 - scaled.width / 2, top - scaled.height + 10, scaled.width, scaled.height);
  }
  const orgY = logo ? top - 62 : top - 10;
  text(content.org.name, orgY, 700, fit(content.org.name, 700, 16, width - 160), primary);
  text(content.labels.heading.toUpperCase(), orgY - 50, 700, 30, INK);

  if (content.badgePng) {
    const badge = await image(scratch, `data:image/png;base64,${Buffer.from(content.badgePng).toString("base64")}`);
    if (badge) picture(badge, 70, height / 2 - 70, 120, 120);
  }

  const textWidth = width - 2 * 220;
  let y = orgY - 100;
  text(content.labels.awardedTo, y, 400, 13, MUTED);
  y -= 44;
  text(content.learnerName, y, 700, fit(content.learnerName, 700, 36, textWidth), INK);
  line(width / 2 - 170, width / 2 + 170, y - 10, 1, secondary);
  y -= 40;
  text(content.labels.forAchieving, y, 400, 13, MUTED);
  y -= 34;
  text(content.achievementName, y, 700, fit(content.achievementName, 700, 24, textWidth), primary);
  y -= 30;
  const dates = [`${content.labels.issued} ${content.issuedOn}`, content.validUntil ? `${content.labels.expires} ${content.validUntil}` : null].filter(Boolean).join("   ·   ");
  text(dates, y, 400, 12, MUTED);

  const signers = content.template.signers;
  const slot = (width - 260) / Math.max(signers.length, 1);
  for (const [i, signer] of signers.entries()) {
    const cx = 90 + slot * i + slot / 2;
    line(cx - 90, cx + 90, 112, 0.8, INK);
    const signature = await image(scratch, signer.signature);
    if (signature) {
      const scaled = scaleToFit(signature, 160, 44);
      picture(signature, cx - scaled.width / 2, 116, scaled.width, scaled.height);
    }
    text(signer.name, 96, 700, fit(signer.name, 700, 12, 180), INK, cx, 190);
    if (signer.title) text(signer.title, 82, 400, fit(signer.title, 400, 10, 180), MUTED, cx, 190);
  }

  // QR code and the short URL to the verification page.
  const qr = QRCode.create(content.verifyUrl, { errorCorrectionLevel: "M" });
  const cells = qr.modules.size;
  const qrSize = 84;
  const cell = qrSize / cells;
  const qrX = width - 60 - qrSize;
  const qrTop = height - 74 - qrSize;
  let path = "";
  for (let row = 0; row < cells; row++)
    for (let col = 0; col < cells; col++) if (qr.modules.get(row, col)) path += `M${qrX + col * cell} ${qrTop + row * cell}h${cell}v${cell}h${-cell}z`;
  shapes.push(`<path d="${path}" fill="${INK}" shape-rendering="crispEdges"/>`);
  const shortUrl = content.verifyUrl.replace(/^https?:\/\//, "");
  text(content.labels.verify, 74 - 14, 400, 8, MUTED, qrX + qrSize, 240, "right");
  text(shortUrl, 74 - 25, 400, fit(shortUrl, 400, 8, 220), primary, qrX + qrSize, 240, "right");

  const root = { type: "div", props: { style: { width: W, height: H, display: "flex", position: "relative" }, children: nodes } };
  const laidOut = await satori(root as never, { width: W, height: H, fonts: fonts().satori });
  const inner = laidOut.slice(laidOut.indexOf(">") + 1, laidOut.lastIndexOf("</svg>"));
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#ffffff"/><g transform="scale(${s})">${shapes.join("")}</g>${inner}</svg>`;
}

/** Inter's advance width of `text` at `size` points (the PDF's own measure, from the same font). */
const measure = (text: string, weight: 400 | 700, size: number) => {
  const f = fonts().metrics[weight];
  return (f.layout(text).advanceWidth / f.unitsPerEm) * size;
};

/** A certificate in one of the newer layouts, from the same drawing operations as its PDF. */
async function renderLayoutSvg(content: CertificateContent, pixelWidth: number): Promise<string> {
  const [width, height] = certificatePageSize(content.template);
  const s = pixelWidth / width;
  const W = pixelWidth;
  const H = Math.round(height * s);
  const scratch = await PDFDocument.create();
  const [logo, badge, ...signatures] = await Promise.all([
    image(scratch, content.org.logo),
    content.badgePng ? image(scratch, `data:image/png;base64,${Buffer.from(content.badgePng).toString("base64")}`) : null,
    ...content.template.signers.map((signer) => image(scratch, signer.signature)),
  ]);
  const ops = layoutOps(content, { logo, badge, signatures }, measure);
  const nodes: Node[] = [];
  const shapes: string[] = [];
  const draw = (op: Op) => {
    switch (op.kind) {
      case "rect":
        shapes.push(`<rect x="${op.x}" y="${height - op.y - op.h}" width="${op.w}" height="${op.h}" fill="${op.fill}"/>`);
        return;
      case "line":
        shapes.push(`<line x1="${op.x1}" y1="${height - op.y}" x2="${op.x2}" y2="${height - op.y}" stroke="${op.color}" stroke-width="${op.thickness}"/>`);
        return;
      case "text": {
        // A box a little wider than the text, anchored as the text is.
        const w = measure(op.text, op.weight, op.size) + 40;
        const left = op.align === "left" ? op.x : op.align === "center" ? op.x - w / 2 : op.x - w;
        nodes.push({
          type: "div",
          props: {
            style: {
              position: "absolute", display: "flex", justifyContent: op.align === "left" ? "flex-start" : op.align === "center" ? "center" : "flex-end",
              left: left * s, width: w * s, top: (height - op.y - BASELINE * op.size) * s,
              fontFamily: "Inter", fontWeight: op.weight, fontSize: op.size * s, lineHeight: 1, color: op.color, whiteSpace: "pre",
            },
            children: op.text,
          },
        });
        return;
      }
      case "image": {
        const picture = op.image === "logo" ? logo : op.image === "badge" ? badge : signatures[op.image];
        if (picture) nodes.push({ type: "img", props: { src: picture.src, width: op.w * s, height: op.h * s, style: { position: "absolute", left: op.x * s, top: (height - op.y - op.h) * s, width: op.w * s, height: op.h * s } } });
        return;
      }
      case "qr": {
        const qr = QRCode.create(op.url, { errorCorrectionLevel: "M" });
        const cells = qr.modules.size;
        const cell = op.size / cells;
        const top = height - op.y - op.size;
        let path = "";
        for (let row = 0; row < cells; row++)
          for (let col = 0; col < cells; col++) if (qr.modules.get(row, col)) path += `M${op.x + col * cell} ${top + row * cell}h${cell}v${cell}h${-cell}z`;
        shapes.push(`<path d="${path}" fill="${op.color}" shape-rendering="crispEdges"/>`);
        return;
      }
      case "link":
        return;
    }
  };
  ops.forEach(draw);
  const root = { type: "div", props: { style: { width: W, height: H, display: "flex", position: "relative" }, children: nodes } };
  const laidOut = await satori(root as never, { width: W, height: H, fonts: fonts().satori });
  const inner = laidOut.slice(laidOut.indexOf(">") + 1, laidOut.lastIndexOf("</svg>"));
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="#ffffff"/><g transform="scale(${s})">${shapes.join("")}</g>${inner}</svg>`;
}

/** The certificate as a PNG preview, `pixelWidth` wide (the PDF stays the document to print). */
export async function renderCertificatePng(content: CertificateContent, pixelWidth = CERTIFICATE_PNG_WIDTH): Promise<Uint8Array> {
  const svg = await renderCertificateSvg(content, pixelWidth);
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: pixelWidth }, font: { loadSystemFonts: false }, background: "#ffffff" });
  return new Uint8Array(resvg.render().asPng());
}
