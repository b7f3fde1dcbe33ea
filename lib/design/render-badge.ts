// Server code (fonts from disk, native resvg); also used by scripts, so no "server-only" marker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { BADGE_SIZE, readableTextColor, type BadgeDesign, type BadgeTemplate } from "./badge-design";
import { iconPaths } from "./icons";

// Read once per process from the npm package: nothing is fetched at run time.
let fonts: { name: string; data: Buffer; weight: 400 | 700 | 800; style: "normal" }[] | undefined;
function loadFonts() {
  fonts ??= ([400, 700, 800] as const).map((weight) => ({
    name: "Inter",
    weight,
    style: "normal" as const,
    data: readFileSync(join(process.cwd(), "node_modules/@fontsource/inter/files", `inter-latin-${weight}-normal.woff`)),
  }));
  return fonts;
}

const S = BADGE_SIZE;
const C = S / 2;

type Layout = { iconY: number; iconSize: number; titleY: number; textWidth: number; ribbonY: number };

/** Where the icon, the text and the ribbon sit inside each shape. */
const LAYOUT: Record<BadgeTemplate, Layout> = {
  circle: { iconY: 110, iconSize: 140, titleY: 270, textWidth: 420, ribbonY: 400 },
  shield: { iconY: 95, iconSize: 130, titleY: 240, textWidth: 400, ribbonY: 380 },
  hexagon: { iconY: 105, iconSize: 140, titleY: 265, textWidth: 400, ribbonY: 400 },
  ribbon: { iconY: 70, iconSize: 120, titleY: 205, textWidth: 340, ribbonY: 330 },
  rosette: { iconY: 80, iconSize: 120, titleY: 215, textWidth: 320, ribbonY: 330 },
  square: { iconY: 100, iconSize: 150, titleY: 270, textWidth: 460, ribbonY: 410 },
};

function polygon(sides: number, radius: number, rotation = 0, cx = C, cy = C): string {
  return Array.from({ length: sides }, (_, i) => {
    const angle = rotation + (i * 2 * Math.PI) / sides;
    return `${(cx + radius * Math.cos(angle)).toFixed(1)},${(cy + radius * Math.sin(angle)).toFixed(1)}`;
  }).join(" ");
}

/** The shape drawn at two sizes: `outer` (the border, in the secondary colour) and `inner`. */
function shape(template: BadgeTemplate, fill: string, inset: number): string {
  switch (template) {
    case "circle":
      return `<circle cx="${C}" cy="${C}" r="${290 - inset}" fill="${fill}"/>`;
    case "shield": {
      const i = inset;
      return `<path d="M${C} ${15 + i} L${565 - i} ${95 + i * 0.6} V${290} C${565 - i} ${450 - i * 0.3} ${440 - i * 0.5} ${540 - i * 0.8} ${C} ${588 - i * 1.1} C${160 + i * 0.5} ${540 - i * 0.8} ${35 + i} ${450 - i * 0.3} ${35 + i} 290 V${95 + i * 0.6} Z" fill="${fill}"/>`;
    }
    case "hexagon":
      return `<polygon points="${polygon(6, 295 - inset * 1.15, -Math.PI / 2)}" fill="${fill}"/>`;
    case "ribbon":
      return `<circle cx="${C}" cy="250" r="${235 - inset}" fill="${fill}"/>`;
    case "rosette": {
      const bumps = Array.from({ length: 20 }, (_, k) => {
        const a = (k * 2 * Math.PI) / 20;
        return `<circle cx="${(C + 212 * Math.cos(a)).toFixed(1)}" cy="${(250 + 212 * Math.sin(a)).toFixed(1)}" r="${38 - inset / 2}" fill="${fill}"/>`;
      });
      return `${bumps.join("")}<circle cx="${C}" cy="250" r="${225 - inset}" fill="${fill}"/>`;
    }
    case "square":
      return `<rect x="${20 + inset}" y="${20 + inset}" width="${560 - inset * 2}" height="${560 - inset * 2}" rx="${80 - inset}" fill="${fill}"/>`;
  }
}

/** Ribbon tails hanging under the medal-like templates. */
function tails(template: BadgeTemplate, design: BadgeDesign): string {
  if (template !== "ribbon" && template !== "rosette") return "";
  const y = template === "ribbon" ? 400 : 380;
  return [
    `<path d="M${C - 150} ${y} L${C - 200} 590 L${C - 140} 560 L${C - 100} 595 L${C - 40} ${y + 30} Z" fill="${design.secondaryColor}"/>`,
    `<path d="M${C + 150} ${y} L${C + 200} 590 L${C + 140} 560 L${C + 100} 595 L${C + 40} ${y + 30} Z" fill="${design.secondaryColor}"/>`,
  ].join("");
}

function banner(y: number, color: string): string {
  const h = 70;
  return `<path d="M40 ${y} H560 L530 ${y + h / 2} L560 ${y + h} H40 L70 ${y + h / 2} Z" fill="${color}"/>`;
}

/** Everything but the text, as SVG elements in the 600×600 frame. */
function artwork(design: BadgeDesign, textColor: string, placed: BadgeTextLayout): string {
  const layout = LAYOUT[design.template];
  const body = design.border
    ? shape(design.template, design.secondaryColor, 0) + shape(design.template, design.primaryColor, 18)
    : shape(design.template, design.primaryColor, 0);
  const scale = placed.icon.size / 24;
  const icon = `<g transform="translate(${C - placed.icon.size / 2} ${placed.icon.top}) scale(${scale})" fill="none" stroke="${textColor}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${iconPaths(design.icon)}</g>`;
  const ribbon = design.ribbonLabel ? banner(layout.ribbonY, design.secondaryColor) : "";
  return `${tails(design.template, design)}${body}${icon}${ribbon}`;
}

type Node = { type: string; props: Record<string, unknown> & { children?: unknown } };
const h = (type: string, style: Record<string, unknown>, children?: unknown, extra: Record<string, unknown> = {}): Node => ({
  type,
  props: { style, children, ...extra },
});

function titleSize(title: string): number {
  if (title.length <= 10) return 54;
  if (title.length <= 16) return 44;
  if (title.length <= 26) return 36;
  return 30;
}

/** Space kept between the text and the edge of the face, the ribbon, or the icon. */
const PAD = 14;
const TITLE_LINE = 1.1;
const SUBTITLE_LINE = 1.2;
const SUBTITLE_SIZE = 24;

type Row = { left: number; right: number } | null;
const faceRowsCache = new Map<BadgeTemplate, Row[]>();

/**
 * The inner face of a shape (inside its border), row by row: the span around the centre line
 * that the shape covers. Read from the shape as drawn, so text is placed on what people see.
 */
function faceRows(template: BadgeTemplate): Row[] {
  const cached = faceRowsCache.get(template);
  if (cached) return cached;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">${shape(template, "#000", 18)}</svg>`;
  const pixels = new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
  const opaque = (x: number, y: number) => pixels[(y * S + x) * 4 + 3] >= 250;
  const rows: Row[] = [];
  for (let y = 0; y < S; y++) {
    if (!opaque(C, y)) {
      rows.push(null);
      continue;
    }
    let left = C;
    while (left > 0 && opaque(left - 1, y)) left--;
    let right = C;
    while (right < S - 1 && opaque(right + 1, y)) right++;
    rows.push({ left, right: right + 1 });
  }
  faceRowsCache.set(template, rows);
  return rows;
}

/** The widest box centred on the badge that fits the face over rows `top`..`bottom`, less the padding (0 when it leaves the face). */
function widthAt(rows: Row[], top: number, bottom: number): number {
  let half = Infinity;
  for (let y = Math.max(0, Math.floor(top)); y <= Math.min(S - 1, Math.ceil(bottom)); y++) {
    const row = rows[y];
    if (!row) return 0;
    half = Math.min(half, C - row.left, row.right - C);
  }
  return Math.max(0, 2 * (half - PAD));
}

/** Text laid out by satori at `width` (height left to the text), measured the way it is drawn. */
async function textHeight(text: string, style: { fontSize: number; fontWeight: number; lineHeight: number }, width: number): Promise<number> {
  const svg = await satori(h("div", { display: "flex", width, justifyContent: "center", textAlign: "center", fontFamily: "Inter", ...style }, text) as never, { width, fonts: loadFonts() });
  return Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? 0);
}

export type BadgeTextLayout = {
  icon: { top: number; size: number };
  title: { top: number; width: number; height: number; fontSize: number };
  subtitle?: { top: number; width: number; height: number; fontSize: number };
};

/**
 * Where the icon, the title and the subtitle go: the shape's usual places when the text fits
 * there, else moved up and made smaller until all of it sits on the face, clear of the ribbon
 * (a long title, a subtitle over two lines, a shape with a ribbon across it).
 */
export async function layoutBadgeText(design: BadgeDesign): Promise<BadgeTextLayout> {
  const layout = LAYOUT[design.template];
  const rows = faceRows(design.template);
  const faceTop = rows.findIndex(Boolean) + PAD;
  const faceBottom = (design.ribbonLabel ? layout.ribbonY : rows.findLastIndex(Boolean)) - PAD;
  const iconGap = layout.titleY - layout.iconY - layout.iconSize;
  let best: BadgeTextLayout | undefined;
  // Each step gives up a little: first the icon's size, then the type's.
  for (let step = 0; step < 12; step++) {
    const iconSize = Math.round(layout.iconSize * Math.max(0.55, 1 - step * 0.08));
    const titleFont = Math.max(20, titleSize(design.title) - Math.max(0, step - 3) * 3);
    const subtitleFont = Math.max(15, SUBTITLE_SIZE - Math.max(0, step - 5) * 2);
    let top = layout.iconY;
    let placed: BadgeTextLayout | undefined;
    // Measure, and where the stack ends lower than the face allows, lift it and measure again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const titleTop = top + iconSize + iconGap;
      const titleWidth0 = Math.min(layout.textWidth, widthAt(rows, titleTop, titleTop + titleFont * TITLE_LINE * 2));
      if (titleWidth0 <= 0) break;
      const titleHeight = await textHeight(design.title, { fontSize: titleFont, fontWeight: 800, lineHeight: TITLE_LINE }, titleWidth0);
      // Drawn at the width it was measured at, which must fit over the lines it really takes.
      const titleFitsRows = widthAt(rows, titleTop, titleTop + titleHeight) >= titleWidth0 - 0.5;
      let subtitle: BadgeTextLayout["subtitle"];
      let bottom = titleTop + titleHeight;
      if (design.subtitle) {
        const subtitleTop = bottom + 10;
        const guess = Math.min(layout.textWidth, widthAt(rows, subtitleTop, subtitleTop + subtitleFont * SUBTITLE_LINE * 2));
        if (guess <= 0) {
          bottom = Infinity;
        } else {
          const height = await textHeight(design.subtitle, { fontSize: subtitleFont, fontWeight: 400, lineHeight: SUBTITLE_LINE }, guess);
          subtitle = { top: subtitleTop, width: guess, height, fontSize: subtitleFont };
          bottom = subtitleTop + height;
        }
      }
      const candidate: BadgeTextLayout = { icon: { top, size: iconSize }, title: { top: titleTop, width: titleWidth0, height: titleHeight, fontSize: titleFont }, subtitle };
      const iconFits = widthAt(rows, top, top + iconSize) >= iconSize - 2 * PAD;
      const textFits = titleFitsRows && (!subtitle || widthAt(rows, subtitle.top, subtitle.top + subtitle.height) >= subtitle.width - 0.5);
      if (bottom <= faceBottom && top >= faceTop && iconFits && textFits) {
        placed = candidate;
        break;
      }
      best ??= candidate;
      if (bottom > faceBottom && Number.isFinite(bottom) && top > faceTop) top = Math.max(faceTop, top - (bottom - faceBottom));
      else break;
    }
    if (placed) return placed;
  }
  // Nothing fits (an impossible combination the schema's limits do not allow in practice): the smallest try.
  return best!;
}

/** The title and subtitle (and the ribbon's label, apart) as satori nodes in the 600×600 frame. */
async function textNodes(design: BadgeDesign, textColor: string, placed: BadgeTextLayout): Promise<{ text: Node[]; ribbon: Node[] }> {
  const layout = LAYOUT[design.template];
  const box = (top: number, width: number) => ({
    position: "absolute",
    top,
    left: C - width / 2,
    width,
    display: "flex",
    justifyContent: "center",
    textAlign: "center",
  });
  const text: Node[] = [
    h("div", { ...box(placed.title.top, placed.title.width), color: textColor, fontSize: placed.title.fontSize, fontWeight: 800, lineHeight: TITLE_LINE }, design.title),
  ];
  if (design.subtitle && placed.subtitle) {
    text.push(
      h(
        "div",
        { ...box(placed.subtitle.top, placed.subtitle.width), color: textColor, fontSize: placed.subtitle.fontSize, fontWeight: 400, lineHeight: SUBTITLE_LINE, opacity: 0.92 },
        design.subtitle,
      ),
    );
  }
  const ribbon: Node[] = design.ribbonLabel
    ? [h("div", { ...box(layout.ribbonY + 14, 440), color: readableTextColor(design.secondaryColor), fontSize: 32, fontWeight: 700, letterSpacing: 1 }, design.ribbonLabel)]
    : [];
  return { text, ribbon };
}

async function outline(nodes: Node[]): Promise<string> {
  const root = h("div", { width: S, height: S, display: "flex", position: "relative", fontFamily: "Inter" }, nodes);
  const svg = await satori(root as never, { width: S, height: S, fonts: loadFonts() });
  return svg.slice(svg.indexOf(">") + 1, svg.lastIndexOf("</svg>"));
}

/**
 * The badge's layers as SVG markup in the 600×600 frame: the artwork, the title and subtitle,
 * the ribbon's label, and the face (the part of the body text can be read on, the ribbon
 * taken out) — the last one for checks that text stays where it can be read.
 */
export async function renderBadgeLayers(design: BadgeDesign): Promise<{ artwork: string; text: string; ribbonText: string; face: string }> {
  const textColor = design.textColor ?? readableTextColor(design.primaryColor);
  const placed = await layoutBadgeText(design);
  const { text, ribbon } = await textNodes(design, textColor, placed);
  const layout = LAYOUT[design.template];
  const face = `${shape(design.template, "#ffffff", design.border ? 18 : 0)}${design.ribbonLabel ? banner(layout.ribbonY, "#000000") : ""}`;
  return { artwork: artwork(design, textColor, placed), text: await outline(text), ribbonText: ribbon.length ? await outline(ribbon) : "", face };
}

/** The badge as a self-contained SVG (600×600, text drawn as paths, no external references). */
export async function renderBadgeSvg(design: BadgeDesign): Promise<string> {
  // satori lays out and outlines the text; the shapes are drawn inline beneath it, so the file
  // holds no nested images and renders the same in every viewer.
  const layers = await renderBadgeLayers(design);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">${layers.artwork}${layers.text}${layers.ribbonText}</svg>`;
}

/** Rasterises an SVG (a rendered design or a sanitised upload) to a square-ish PNG. */
export function renderBadgePng(svg: string, width = S, background = "rgba(0,0,0,0)"): Uint8Array {
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: width }, font: { loadSystemFonts: false }, background });
  return new Uint8Array(resvg.render().asPng());
}

/** Both images of a design, as stored on the achievement. */
export async function renderBadge(design: BadgeDesign): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderBadgeSvg(design);
  return { svg, png: renderBadgePng(svg) };
}
