// Server code: fonts are read from the npm packages on disk, never fetched.
import { readFileSync } from "node:fs";
import { join } from "node:path";

type Weight = 400 | 700;
export type CardFont = { name: string; data: Buffer; weight: Weight; style: "normal" };

/**
 * Inter for Latin (plus its extended Latin, Cyrillic and Greek subsets), Noto Sans for whatever
 * Inter lacks, then Noto Sans Arabic, Devanagari and Hebrew so names in those scripts draw real
 * glyphs. satori tries the requested family first, then every other font, glyph by glyph.
 */
const FILES: [family: string, pkg: string, subsets: string[]][] = [
  ["Inter", "inter", ["latin", "latin-ext", "cyrillic", "cyrillic-ext", "greek", "vietnamese"]],
  ["Noto Sans", "noto-sans", ["latin", "latin-ext", "cyrillic", "greek", "devanagari"]],
  ["Noto Sans Arabic", "noto-sans-arabic", ["arabic"]],
  ["Noto Sans Devanagari", "noto-sans-devanagari", ["devanagari"]],
  ["Noto Sans Hebrew", "noto-sans-hebrew", ["hebrew"]],
];

let loaded: CardFont[] | undefined;

export function cardFonts(): CardFont[] {
  loaded ??= FILES.flatMap(([name, pkg, subsets]) =>
    subsets.flatMap((subset) =>
      ([400, 700] as const).map((weight) => ({
        name,
        weight,
        style: "normal" as const,
        data: readFileSync(join(process.cwd(), "node_modules/@fontsource", pkg, "files", `${pkg}-${subset}-${weight}-normal.woff`)),
      })),
    ),
  );
  return loaded;
}
