import type { CredentialState } from "@/lib/issuing/public-views";
import { truncateText } from "@/lib/text";
import type { Locale } from "@/lib/i18n/config";
import { formatCardDate, type CardTranslator } from "./i18n";
import type { CardIssuer, CardModel } from "./model";

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
/** The band along the bottom: the credential's status, and Laurel's wordmark on every card. */
export const FOOTER_HEIGHT = 84;
/** Nothing but the background is ever drawn closer than this to the left and right edges. */
export const CARD_MARGIN = 60;

/** Laurel's own colour, for cards that belong to no issuer (profiles) and unusable brand colours. */
export const LAUREL_GREEN = "#1f5f4a";

/** Status bands: each state its own colour, all dark enough for white text (WCAG AA). */
export const STATUS_COLORS: Record<CredentialState, string> = {
  valid: "#15803d",
  revoked: "#b91c1c",
  expired: "#b45309",
  not_yet_valid: "#44403c",
};

export type Node = { type: string; props: Record<string, unknown> & { style?: Record<string, unknown>; children?: unknown } };

const el = (type: string, style: Record<string, unknown>, children?: unknown, extra: Record<string, unknown> = {}): Node => ({
  type,
  props: { style, children, ...extra },
});

/** A valid #rrggbb colour, or Laurel's. */
export function brandColor(value: string | null | undefined): string {
  return value && /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : LAUREL_GREEN;
}

const INK_DARK = "#1c1917";
const INK_LIGHT = "#ffffff";

/** WCAG relative luminance of #rrggbb. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text colour on a brand colour: near-black or white, whichever contrasts more. That is at least
 * 4.1:1 on any background, above WCAG's 3:1 for large text (every text on a card is 26 px or more).
 */
export function inkOn(background: string): string {
  return contrast(INK_DARK, background) >= contrast(INK_LIGHT, background) ? INK_DARK : INK_LIGHT;
}

/** The colour mixed toward black by `amount` (0..1). */
export function darken(hex: string, amount: number): string {
  const channel = (i: number) => Math.round(parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) * (1 - amount));
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Shortens text to a safe budget of characters (whole code points, cut at a word when one is
 * near), so even text satori cannot clamp stays short. The layout clamps lines on top of this.
 */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (Array.from(flat).length <= max) return flat;
  // Whole characters only (an emoji with its modifiers, a flag): satori draws half of one as a box.
  const cut = truncateText(flat, max - 1, { ellipsis: "" });
  const space = cut.lastIndexOf(" ");
  return `${(space > cut.length * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const STRONG = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Devanagari}\p{Script=Han}]|([\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}])/u;

/** Whether text reads right to left: its first strong letter is Arabic, Hebrew or the like. */
export function isRtl(value: string): boolean {
  const match = STRONG.exec(value);
  return Boolean(match?.[1]);
}

/** Up to two initials for a missing photo or logo. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.map((w) => Array.from(w)[0]?.toLocaleUpperCase() ?? "").join("") || "?";
}

/**
 * A block of text that never leaves its box: a fixed width, at most `lines` lines (ellipsis on
 * the last), long words broken, and a character budget as a fallback.
 */
function text(value: string, o: { width: number; size: number; lines: number; weight?: 400 | 700; budget: number; color?: string; opacity?: number; lineHeight?: number }): Node {
  const lineHeight = o.lineHeight ?? 1.2;
  return el(
    "div",
    {
      display: "block",
      width: o.width,
      maxHeight: Math.ceil(o.size * lineHeight * o.lines) + 2,
      overflow: "hidden",
      fontSize: o.size,
      fontWeight: o.weight ?? 400,
      lineHeight,
      wordBreak: "break-word",
      ...(o.lines === 1 ? { whiteSpace: "nowrap", textOverflow: "ellipsis" } : { lineClamp: o.lines }),
      // satori shapes and orders right-to-left text when told the direction; the card keeps
      // its left edge either way.
      ...(isRtl(value) ? { direction: "rtl", textAlign: "left" } : {}),
      ...(o.color ? { color: o.color } : {}),
      ...(o.opacity !== undefined ? { opacity: o.opacity } : {}),
    },
    truncate(value, o.budget),
  );
}

function svgIcon(paths: string, color: string, size: number, strokeWidth = 2.4): Node {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${color}" stroke-width="${strokeWidth}" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
  return el("img", { width: size, height: size }, undefined, { src: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`, width: size, height: size });
}

const ICONS = {
  check: '<circle cx="12" cy="12" r="10"/><path d="m8 12.5 2.8 2.8L16.5 9.5"/>',
  cross: '<circle cx="12" cy="12" r="10"/><path d="m15 9-6 6M9 9l6 6"/>',
  clock: '<circle cx="12" cy="12" r="10"/><path d="M12 6.5V12l3.5 2"/>',
  leaf: '<path d="M11 20A7 7 0 0 1 9.8 6.1C15.5 5 17 4.48 19 2c1 2 2 4.18 2 8 0 5.5-4.78 10-10 10Z"/><path d="M2 21c0-3 1.85-5.36 5.08-6C9.5 14.52 12 13 13 12"/>',
};

function wordmark(color: string): Node {
  return el("div", { display: "flex", alignItems: "center", gap: 10, color, fontSize: 28, fontWeight: 700 }, [svgIcon(ICONS.leaf, color, 30, 2), el("div", { display: "flex" }, "Laurel")]);
}

function footer(background: string, left: Node | null): Node {
  const ink = inkOn(background);
  return el(
    "div",
    {
      display: "flex",
      width: CARD_WIDTH,
      height: FOOTER_HEIGHT,
      padding: `0 ${CARD_MARGIN}px`,
      boxSizing: "border-box",
      alignItems: "center",
      justifyContent: "space-between",
      backgroundColor: background,
      color: ink,
    },
    [left ?? el("div", { display: "flex" }), wordmark(ink)],
  );
}

/** A white, rounded tile holding an image (badge, logo, photo) or, without one, initials. */
function tile(image: string | null, size: number, o: { fallback: string; brand: string; round?: boolean; cover?: boolean; pad?: number }): Node {
  const radius = o.round ? size / 2 : Math.round(size * 0.12);
  const pad = o.pad ?? Math.round(size * 0.06);
  const inner = size - pad * 2;
  const child = image
    ? el("img", { width: inner, height: inner, objectFit: o.cover ? "cover" : "contain", borderRadius: o.round ? inner / 2 : 0 }, undefined, { src: image, width: inner, height: inner })
    : el("div", { display: "flex", fontSize: Math.round(size * 0.36), fontWeight: 700, color: o.brand }, initials(o.fallback));
  return el(
    "div",
    { display: "flex", width: size, height: size, flexShrink: 0, alignItems: "center", justifyContent: "center", backgroundColor: "#ffffff", borderRadius: radius, overflow: "hidden" },
    child,
  );
}

function issuerRow(issuer: CardIssuer, brand: string, width: number): Node {
  const children: Node[] = [];
  if (issuer.logo) children.push(tile(issuer.logo, 56, { fallback: issuer.name, brand, pad: 4 }));
  children.push(text(issuer.name, { width: issuer.logo ? width - 72 : width, size: 28, lines: 1, weight: 700, budget: 80 }));
  return el("div", { display: "flex", alignItems: "center", gap: 16, width }, children);
}

const titleSize = (title: string) => (title.length <= 28 ? 56 : title.length <= 56 ? 48 : 42);

function frame(brand: string, main: Node[], footerNode: Node): Node {
  const ink = inkOn(brand);
  return el(
    "div",
    { display: "flex", flexDirection: "column", width: CARD_WIDTH, height: CARD_HEIGHT, backgroundColor: brand, color: ink, fontFamily: "Inter" },
    [
      el(
        "div",
        {
          display: "flex",
          alignItems: "center",
          gap: 52,
          width: CARD_WIDTH,
          height: CARD_HEIGHT - FOOTER_HEIGHT,
          padding: `40px ${CARD_MARGIN}px`,
          boxSizing: "border-box",
          overflow: "hidden",
        },
        main,
      ),
      footerNode,
    ],
  );
}

const SIDE = 360;
const COLUMN = CARD_WIDTH - CARD_MARGIN * 2 - SIDE - 52;

function column(children: Node[], gap = 16): Node {
  return el("div", { display: "flex", flexDirection: "column", justifyContent: "center", gap, width: COLUMN, maxHeight: CARD_HEIGHT - FOOTER_HEIGHT - 80, overflow: "hidden" }, children);
}

/** The element tree satori lays out: pure, so tests can read its strings before rasterising. */
export function cardTree(model: CardModel, locale: Locale, t: CardTranslator): Node {
  switch (model.kind) {
    case "credential": {
      const brand = brandColor(model.brand);
      // A credential that no longer holds says since when, so a preview can never pass for a valid one.
      const since = model.stateDate ? formatCardDate(model.stateDate, locale) : null;
      const label = {
        valid: t("verified"),
        revoked: since ? t("revokedOn", { date: since }) : t("revoked"),
        expired: since ? t("expiredOn", { date: since }) : t("expired"),
        not_yet_valid: t("notYetValid"),
      }[model.state];
      const faded = model.state === "revoked" || model.state === "expired";
      const icon = { valid: ICONS.check, revoked: ICONS.cross, expired: ICONS.clock, not_yet_valid: ICONS.clock }[model.state];
      const status = el("div", { display: "flex", alignItems: "center", gap: 14, fontSize: 32, fontWeight: 700 }, [svgIcon(icon, "#ffffff", 40), el("div", { display: "flex" }, label)], {
        "data-status": model.state,
      });
      const lines: Node[] = [issuerRow(model.issuer, brand, COLUMN), text(model.title, { width: COLUMN, size: titleSize(model.title), lines: 2, weight: 700, budget: 110, lineHeight: 1.12 })];
      if (model.recipient) lines.push(text(model.recipient, { width: COLUMN, size: 38, lines: 1, budget: 80 }));
      lines.push(text(t("issuedOn", { date: formatCardDate(model.issuedOn, locale) }), { width: COLUMN, size: 26, lines: 1, budget: 60, opacity: 0.88 }));
      const badgeTile = tile(model.badge, SIDE, { fallback: model.title, brand });
      // The badge fades on a revoked or expired credential, as on its page.
      const badgeNode = faded ? el("div", { display: "flex", opacity: 0.45 }, badgeTile, { "data-faded": "true" }) : badgeTile;
      return frame(brand, [badgeNode, column(lines)], footer(STATUS_COLORS[model.state], status));
    }
    case "achievement": {
      const brand = brandColor(model.brand);
      const ink = inkOn(brand);
      const cta = el(
        "div",
        { display: "flex", alignSelf: "flex-start", marginTop: 8, padding: "14px 30px", borderRadius: 999, backgroundColor: ink, color: brand, fontSize: 30, fontWeight: 700 },
        t("earnThis"),
      );
      const lines = [
        issuerRow(model.issuer, brand, COLUMN),
        text(model.title, { width: COLUMN, size: titleSize(model.title), lines: 2, weight: 700, budget: 110, lineHeight: 1.12 }),
        text(t("holders", { count: model.holders }), { width: COLUMN, size: 30, lines: 1, budget: 60, opacity: 0.9 }),
        cta,
      ];
      return frame(brand, [tile(model.badge, SIDE, { fallback: model.title, brand }), column(lines)], footer(darken(brand, 0.3), null));
    }
    case "issuer": {
      const brand = brandColor(model.brand);
      const lines = [text(model.name, { width: COLUMN, size: titleSize(model.name), lines: 2, weight: 700, budget: 110, lineHeight: 1.12 })];
      if (model.description) lines.push(text(model.description, { width: COLUMN, size: 28, lines: 3, budget: 240, opacity: 0.92, lineHeight: 1.3 }));
      lines.push(text(t("achievements", { count: model.achievements }), { width: COLUMN, size: 30, lines: 1, weight: 700, budget: 60 }));
      return frame(brand, [tile(model.logo, SIDE, { fallback: model.name, brand }), column(lines, 20)], footer(darken(brand, 0.3), el("div", { display: "flex", fontSize: 26, fontWeight: 700 }, t("issuer"))));
    }
    case "program": {
      const brand = brandColor(model.brand);
      const ink = inkOn(brand);
      const cta = el(
        "div",
        { display: "flex", alignSelf: "flex-start", marginTop: 8, padding: "14px 30px", borderRadius: 999, backgroundColor: ink, color: brand, fontSize: 30, fontWeight: 700 },
        t("program.join"),
      );
      const lines = [issuerRow(model.issuer, brand, COLUMN), text(model.name, { width: COLUMN, size: titleSize(model.name), lines: 2, weight: 700, budget: 110, lineHeight: 1.12 })];
      if (model.description) lines.push(text(model.description, { width: COLUMN, size: 26, lines: 2, budget: 160, opacity: 0.92, lineHeight: 1.3 }));
      lines.push(text(t("program.badges", { count: model.badges }), { width: COLUMN, size: 28, lines: 1, weight: 700, budget: 60 }), cta);
      return frame(brand, [tile(model.image, SIDE, { fallback: model.name, brand }), column(lines)], footer(darken(brand, 0.3), el("div", { display: "flex", fontSize: 26, fontWeight: 700 }, t("program.label"))));
    }
    case "profile": {
      const brand = LAUREL_GREEN;
      const lines = [text(model.name, { width: COLUMN, size: titleSize(model.name), lines: 2, weight: 700, budget: 110, lineHeight: 1.12 })];
      if (model.headline) lines.push(text(model.headline, { width: COLUMN, size: 30, lines: 2, budget: 160, opacity: 0.92, lineHeight: 1.25 }));
      lines.push(text(t("publicBadges", { count: model.publicBadges }), { width: COLUMN, size: 28, lines: 1, weight: 700, budget: 60 }));
      if (model.badges.length > 0) {
        lines.push(el("div", { display: "flex", gap: 16, marginTop: 8 }, model.badges.slice(0, 4).map((badge) => tile(badge, 112, { fallback: "", brand, pad: 6 }))));
      }
      return frame(brand, [tile(model.photo, 300, { fallback: model.name, brand, round: true, cover: true, pad: 0 }), column(lines)], footer(darken(brand, 0.3), null));
    }
  }
}

/** Every string in a tree, in order (what the card says, for tests and alt text checks). */
export function treeText(node: unknown): string[] {
  if (typeof node === "string" || typeof node === "number") return [String(node)];
  if (Array.isArray(node)) return node.flatMap(treeText);
  if (node && typeof node === "object" && "props" in node) return treeText((node as Node).props.children);
  return [];
}
