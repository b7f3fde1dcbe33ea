import * as lucide from "lucide-static";
import { BADGE_ICONS, type BadgeIcon } from "./badge-design";

const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase());

/** The drawing inside a lucide icon's 24×24 `<svg>`, ready to place in a larger picture. */
export function iconPaths(icon: BadgeIcon): string {
  const source = (lucide as unknown as Record<string, string | undefined>)[pascal(icon)];
  if (!source) throw new Error(`Unknown icon: ${icon}`);
  const open = source.indexOf(">", source.indexOf("<svg"));
  return source.slice(open + 1, source.lastIndexOf("</svg>")).trim();
}

/** Every offered icon's drawing, for the designer's icon picker. */
export function iconLibrary(): Record<BadgeIcon, string> {
  return Object.fromEntries(BADGE_ICONS.map((icon) => [icon, iconPaths(icon)])) as Record<BadgeIcon, string>;
}
