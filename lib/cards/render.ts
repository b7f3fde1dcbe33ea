// Server code: satori lays out the card and outlines its text, resvg rasterises it.
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import type { Locale } from "@/lib/i18n/config";
import { cardFonts } from "./fonts";
import { cardTranslator } from "./i18n";
import { CARD_HEIGHT, CARD_WIDTH, cardTree } from "./layout";
import type { CardModel } from "./model";

/** The card as SVG (text as paths: it needs no fonts to draw). */
export async function renderCardSvg(model: CardModel, locale: Locale): Promise<string> {
  const tree = cardTree(model, locale, cardTranslator(locale));
  return satori(tree as never, { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: cardFonts() });
}

export function rasteriseCard(svg: string): Uint8Array {
  const resvg = new Resvg(svg, { fitTo: { mode: "width", value: CARD_WIDTH }, font: { loadSystemFonts: false } });
  return new Uint8Array(resvg.render().asPng());
}

/** The 1200×630 PNG of a card. */
export async function renderCard(model: CardModel, locale: Locale): Promise<Uint8Array> {
  return rasteriseCard(await renderCardSvg(model, locale));
}
