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
function artwork(design: BadgeDesign, textColor: string): string {
  const layout = LAYOUT[design.template];
  const body = design.border
    ? shape(design.template, design.secondaryColor, 0) + shape(design.template, design.primaryColor, 18)
    : shape(design.template, design.primaryColor, 0);
  const scale = layout.iconSize / 24;
  const icon = `<g transform="translate(${C - layout.iconSize / 2} ${layout.iconY}) scale(${scale})" fill="none" stroke="${textColor}" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${iconPaths(design.icon)}</g>`;
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

/** The badge as a self-contained SVG (600×600, text drawn as paths, no external references). */
export async function renderBadgeSvg(design: BadgeDesign): Promise<string> {
  const layout = LAYOUT[design.template];
  const textColor = design.textColor ?? readableTextColor(design.primaryColor);
  const centred = (top: number, width: number) => ({
    position: "absolute",
    top,
    left: C - width / 2,
    width,
    display: "flex",
    justifyContent: "center",
    textAlign: "center",
  });
  const children: Node[] = [
    h("div", { ...centred(layout.titleY, layout.textWidth), color: textColor, fontSize: titleSize(design.title), fontWeight: 800, lineHeight: 1.1 }, design.title),
  ];
  if (design.subtitle) {
    const titleLines = design.title.length > 16 ? 2 : 1;
    children.push(
      h(
        "div",
        { ...centred(layout.titleY + titleLines * titleSize(design.title) * 1.15 + 10, layout.textWidth), color: textColor, fontSize: 24, fontWeight: 400, opacity: 0.92 },
        design.subtitle,
      ),
    );
  }
  if (design.ribbonLabel) {
    children.push(
      h(
        "div",
        { ...centred(layout.ribbonY + 14, 440), color: readableTextColor(design.secondaryColor), fontSize: 32, fontWeight: 700, letterSpacing: 1 },
        design.ribbonLabel,
      ),
    );
  }
  const root = h("div", { width: S, height: S, display: "flex", position: "relative", fontFamily: "Inter" }, children);
  // satori lays out and outlines the text; the shapes are drawn inline beneath it, so the file
  // holds no nested images and renders the same in every viewer.
  const text = await satori(root as never, { width: S, height: S, fonts: loadFonts() });
  const inner = text.slice(text.indexOf(">") + 1, text.lastIndexOf("</svg>"));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">${artwork(design, textColor)}${inner}</svg>`;
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
