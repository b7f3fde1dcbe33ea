/** The default brand colour of an organization (prisma/schema.prisma). */
const FALLBACK = "#1f5f4a";

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * An issuer's brand colour as an accent (stripes, a call-to-action button) with the text colour
 * that reads best on it: white or near-black, whichever contrasts more, which is always at least
 * 4.5:1 (WCAG AA) whatever the colour.
 */
export function brandAccent(color: string | null | undefined): { background: string; foreground: string } {
  const background = color && /^#[0-9a-f]{6}$/i.test(color) ? color.toLowerCase() : FALLBACK;
  const l = luminance(background);
  const dark = "#1c1917"; // stone-900
  return { background, foreground: contrast(l, 1) >= contrast(l, luminance(dark)) ? "#ffffff" : dark };
}
