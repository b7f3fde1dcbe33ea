import { z } from "zod";
import { truncateText } from "@/lib/text";
import { safeText } from "@/lib/text";

/**
 * A badge design is data, not pixels: it is stored on the achievement and rendered server-side
 * to SVG and PNG whenever an image is needed, so an old version can always be re-rendered.
 * This module has no server imports so the editor can share the lists and defaults.
 */

export const BADGE_TEMPLATES = ["circle", "shield", "hexagon", "ribbon", "rosette", "square"] as const;

/** Lucide icon names offered in the designer (the bundled icon set, curated for credentials). */
export const BADGE_ICONS = [
  "award", "badge-check", "book-open", "brain", "briefcase", "calculator", "camera", "chart-bar", "chart-line",
  "code", "compass", "cpu", "crown", "database", "flag", "flame", "flask-conical", "gem", "globe",
  "graduation-cap", "handshake", "heart", "heart-handshake", "languages", "laptop", "leaf", "lightbulb", "medal",
  "megaphone", "microscope", "mountain", "palette", "pen-tool", "puzzle", "rocket", "scroll-text", "shield-check",
  "sparkles", "sprout", "star", "stethoscope", "target", "terminal", "trophy", "users", "wrench", "zap",
] as const;

export type BadgeTemplate = (typeof BADGE_TEMPLATES)[number];
export type BadgeIcon = (typeof BADGE_ICONS)[number];

const hexColor = safeText().trim().regex(/^#[0-9a-fA-F]{6}$/, "color_format");
const optionalText = (max: number) =>
  safeText()
    .trim()
    .max(max)
    .transform((v) => (v === "" ? undefined : v))
    .optional();
const booleanish = z.union([z.boolean(), z.enum(["on", "true", "false"])]).transform((v) => v === true || v === "on" || v === "true");

export const badgeDesignSchema = z.object({
  template: z.enum(BADGE_TEMPLATES),
  primaryColor: hexColor,
  secondaryColor: hexColor,
  textColor: hexColor.optional().or(z.literal("").transform(() => undefined)),
  icon: z.enum(BADGE_ICONS),
  title: safeText().trim().min(1).max(40),
  subtitle: optionalText(60),
  ribbonLabel: optionalText(24),
  border: booleanish.default(true),
});

export type BadgeDesign = z.output<typeof badgeDesignSchema>;

export const BADGE_SIZE = 600;

export function defaultBadgeDesign(title: string, colors: { primaryColor: string; secondaryColor: string }): BadgeDesign {
  return {
    template: "circle",
    primaryColor: colors.primaryColor,
    secondaryColor: colors.secondaryColor,
    icon: "award",
    // The title sits on the badge; long achievement names are cut at a word where possible.
    title: shortenTitle(title),
    border: true,
  };
}

/** At most `max` UTF-16 units (what the schema counts), cut between whole characters, at a word where possible. */
export function shortenTitle(title: string, max = 40): string {
  return truncateText(title.trim(), max, { atWord: true });
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableTextColor(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return luminance > 0.4 ? "#1c1917" : "#ffffff";
}
