import { readableTextColor } from "./badge-design";
import type { CertificateContent } from "./certificate-pdf";
import { certificatePageSize } from "./certificate-template";

/**
 * The certificate layouts besides the classic one, as a list of drawing operations in PDF
 * points (origin bottom left, text placed by its baseline). The PDF and the PNG draw the same
 * list, so the preview is the document. The classic layout keeps its own drawing code
 * (certificate-pdf.ts, certificate-png.ts), untouched, so certificates already issued with it
 * look exactly as they did.
 */

export type Size = { width: number; height: number };
/** The width of `text` in Inter at `size` points. */
export type Measure = (text: string, weight: 400 | 700, size: number) => number;

export type Op =
  | { kind: "rect"; x: number; y: number; w: number; h: number; fill: string }
  | { kind: "line"; x1: number; x2: number; y: number; thickness: number; color: string }
  | { kind: "text"; text: string; x: number; y: number; align: "left" | "center" | "right"; weight: 400 | 700; size: number; color: string }
  | { kind: "image"; image: "logo" | "badge" | number; x: number; y: number; w: number; h: number }
  | { kind: "qr"; url: string; x: number; y: number; size: number; color: string }
  | { kind: "link"; url: string; x: number; y: number; w: number; h: number };

/** The pictures a certificate may carry, by their size in pixels (null: none, or left out). */
export type Pictures = { logo: Size | null; badge: Size | null; signatures: (Size | null)[] };

export const INK = "#1c1a17";
export const MUTED = "#57544f";

/** The largest size up to `max` at which `text` fits in `width` (as the classic layout measures). */
function fit(measure: Measure, text: string, weight: 400 | 700, max: number, width: number): number {
  let size = max;
  while (size > 10 && measure(text, weight, size) > width) size -= 1;
  return size;
}

const scaleToFit = (picture: Size, w: number, h: number) => {
  const ratio = Math.min(w / picture.width, h / picture.height);
  return { w: picture.width * ratio, h: picture.height * ratio };
};

function datesLine(content: CertificateContent): string {
  return [`${content.labels.issued} ${content.issuedOn}`, content.validUntil ? `${content.labels.expires} ${content.validUntil}` : null].filter(Boolean).join("   ·   ");
}

/** The QR code at (`x`, `y`), the "verify" label and the short URL under it (right-aligned or centred on it), with links. */
function verification(content: CertificateContent, measure: Measure, { x, y, size, align }: { x: number; y: number; size: number; align: "right" | "center" }, color: string): Op[] {
  const shortUrl = content.verifyUrl.replace(/^https?:\/\//, "");
  const urlSize = fit(measure, shortUrl, 400, 8, 220);
  const urlWidth = measure(shortUrl, 400, urlSize);
  const anchor = align === "right" ? x + size : x + size / 2;
  const urlLeft = align === "right" ? anchor - urlWidth : anchor - urlWidth / 2;
  return [
    { kind: "qr", url: content.verifyUrl, x, y, size, color: INK },
    { kind: "text", text: content.labels.verify, x: anchor, y: y - 14, align, weight: 400, size: 8, color: MUTED },
    { kind: "text", text: shortUrl, x: anchor, y: y - 25, align, weight: 400, size: urlSize, color },
    { kind: "link", url: content.verifyUrl, x, y, w: size, h: size },
    { kind: "link", url: content.verifyUrl, x: urlLeft, y: y - 28, w: urlWidth, h: urlSize + 4 },
  ];
}

/** Signers side by side between `left` and `right`, each over a line at `lineY`. */
function signers(content: CertificateContent, pictures: Pictures, measure: Measure, left: number, right: number, lineY: number): Op[] {
  const list = content.template.signers;
  const slot = (right - left) / Math.max(list.length, 1);
  return list.flatMap((signer, i) => {
    const cx = left + slot * i + slot / 2;
    const half = Math.min(90, slot / 2 - 10);
    const ops: Op[] = [{ kind: "line", x1: cx - half, x2: cx + half, y: lineY, thickness: 0.8, color: INK }];
    const signature = pictures.signatures[i];
    if (signature) {
      const scaled = scaleToFit(signature, 2 * half - 20, 44);
      ops.push({ kind: "image", image: i, x: cx - scaled.w / 2, y: lineY + 4, ...scaled });
    }
    ops.push({ kind: "text", text: signer.name, x: cx, y: lineY - 16, align: "center", weight: 700, size: fit(measure, signer.name, 700, 12, 2 * half), color: INK });
    if (signer.title) ops.push({ kind: "text", text: signer.title, x: cx, y: lineY - 30, align: "center", weight: 400, size: fit(measure, signer.title, 400, 10, 2 * half), color: MUTED });
    return ops;
  });
}

/** Modern, landscape: a band in the organization's colour holds the logo, the name and the badge; the text reads from the left beside it. */
function modern(content: CertificateContent, pictures: Pictures, measure: Measure): Op[] {
  const [W, H] = certificatePageSize(content.template);
  const primary = content.org.primaryColor;
  const secondary = content.org.secondaryColor;
  const band = Math.round(W * 0.34);
  const onBand = readableTextColor(primary);
  const ops: Op[] = [
    { kind: "rect", x: 0, y: 0, w: band, h: H, fill: primary },
    { kind: "rect", x: band, y: 0, w: 8, h: H, fill: secondary },
  ];
  let top = H - 56;
  if (pictures.logo) {
    const scaled = scaleToFit(pictures.logo, band - 80, 56);
    ops.push({ kind: "image", image: "logo", x: band / 2 - scaled.w / 2, y: top - scaled.h, ...scaled });
    top -= scaled.h + 30;
  } else {
    top -= 16;
  }
  ops.push({ kind: "text", text: content.org.name, x: band / 2, y: top, align: "center", weight: 700, size: fit(measure, content.org.name, 700, 18, band - 60), color: onBand });
  if (pictures.badge) {
    // On a white card, so a badge in the band's own colour still stands out.
    const size = Math.min(band - 100, 180);
    const y = H / 2 - size / 2 - 30;
    ops.push({ kind: "rect", x: band / 2 - size / 2 - 14, y: y - 14, w: size + 28, h: size + 28, fill: "#ffffff" });
    ops.push({ kind: "image", image: "badge", x: band / 2 - size / 2, y, w: size, h: size });
  }

  const left = band + 8 + 56;
  const column = W - left - 56;
  let y = H - 110;
  ops.push({ kind: "text", text: content.labels.heading.toUpperCase(), x: left, y, align: "left", weight: 700, size: fit(measure, content.labels.heading.toUpperCase(), 700, 22, column), color: primary });
  y -= 70;
  ops.push({ kind: "text", text: content.labels.awardedTo, x: left, y, align: "left", weight: 400, size: 13, color: MUTED });
  y -= 48;
  ops.push({ kind: "text", text: content.learnerName, x: left, y, align: "left", weight: 700, size: fit(measure, content.learnerName, 700, 40, column), color: INK });
  ops.push({ kind: "rect", x: left, y: y - 18, w: Math.min(column, 120), h: 4, fill: secondary });
  y -= 60;
  ops.push({ kind: "text", text: content.labels.forAchieving, x: left, y, align: "left", weight: 400, size: 13, color: MUTED });
  y -= 34;
  ops.push({ kind: "text", text: content.achievementName, x: left, y, align: "left", weight: 700, size: fit(measure, content.achievementName, 700, 26, column), color: primary });
  y -= 30;
  ops.push({ kind: "text", text: datesLine(content), x: left, y, align: "left", weight: 400, size: 12, color: MUTED });

  const qrSize = 76;
  const qrX = W - 56 - qrSize;
  ops.push(...signers(content, pictures, measure, left - 10, qrX - 20, 120));
  ops.push(...verification(content, measure, { x: qrX, y: 70, size: qrSize, align: "right" }, primary));
  return ops;
}

/** Minimal, portrait: white space, one rule in the organization's colour, everything centred down the page. */
function minimal(content: CertificateContent, pictures: Pictures, measure: Measure): Op[] {
  const [W, H] = certificatePageSize(content.template);
  const primary = content.org.primaryColor;
  const secondary = content.org.secondaryColor;
  const column = W - 144;
  const ops: Op[] = [{ kind: "rect", x: 72, y: H - 58, w: W - 144, h: 3, fill: primary }];
  let top = H - 90;
  if (pictures.logo) {
    const scaled = scaleToFit(pictures.logo, 140, 44);
    ops.push({ kind: "image", image: "logo", x: W / 2 - scaled.w / 2, y: top - scaled.h, ...scaled });
    top -= scaled.h + 26;
  } else {
    top -= 14;
  }
  ops.push({ kind: "text", text: content.org.name, x: W / 2, y: top, align: "center", weight: 700, size: fit(measure, content.org.name, 700, 15, column), color: primary });
  let y = top - 60;
  ops.push({ kind: "text", text: content.labels.heading.toUpperCase(), x: W / 2, y, align: "center", weight: 400, size: fit(measure, content.labels.heading.toUpperCase(), 400, 18, column), color: INK });
  y -= 36;
  if (pictures.badge) {
    const size = 150;
    ops.push({ kind: "image", image: "badge", x: W / 2 - size / 2, y: y - size, w: size, h: size });
    y -= size;
  }
  y -= 56;
  ops.push({ kind: "text", text: content.labels.awardedTo, x: W / 2, y, align: "center", weight: 400, size: 12, color: MUTED });
  y -= 46;
  ops.push({ kind: "text", text: content.learnerName, x: W / 2, y, align: "center", weight: 700, size: fit(measure, content.learnerName, 700, 34, column), color: INK });
  ops.push({ kind: "line", x1: W / 2 - 60, x2: W / 2 + 60, y: y - 18, thickness: 1.5, color: secondary });
  y -= 56;
  ops.push({ kind: "text", text: content.labels.forAchieving, x: W / 2, y, align: "center", weight: 400, size: 12, color: MUTED });
  y -= 32;
  ops.push({ kind: "text", text: content.achievementName, x: W / 2, y, align: "center", weight: 700, size: fit(measure, content.achievementName, 700, 22, column), color: primary });
  y -= 28;
  ops.push({ kind: "text", text: datesLine(content), x: W / 2, y, align: "center", weight: 400, size: 11, color: MUTED });

  ops.push(...signers(content, pictures, measure, 72, W - 72, 200));
  const qrSize = 64;
  ops.push(...verification(content, measure, { x: W / 2 - qrSize / 2, y: 72, size: qrSize, align: "center" }, primary));
  return ops;
}

/** The drawing of a certificate in a non-classic layout. */
export function layoutOps(content: CertificateContent, pictures: Pictures, measure: Measure): Op[] {
  return content.template.layout === "minimal" ? minimal(content, pictures, measure) : modern(content, pictures, measure);
}
