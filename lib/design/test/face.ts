import { Resvg } from "@resvg/resvg-js";
import { BADGE_SIZE, type BadgeDesign } from "../badge-design";
import { renderBadgeLayers } from "../render-badge";

const S = BADGE_SIZE;
const pixels = (inner: string) => new Resvg(`<svg xmlns="http://www.w3.org/2000/svg" width="${S}" height="${S}" viewBox="0 0 ${S} ${S}">${inner}</svg>`).render().pixels;

/**
 * The title's and subtitle's pixels that are not on the readable face (outside the shape, on
 * its border, or under the ribbon), and the number of text pixels drawn at all.
 */
export async function textOffFace(design: BadgeDesign): Promise<{ drawn: number; off: number }> {
  const layers = await renderBadgeLayers(design);
  const text = pixels(layers.text);
  const face = pixels(layers.face);
  let drawn = 0;
  let off = 0;
  for (let i = 0; i < S * S; i++) {
    if (text[i * 4 + 3] < 64) continue;
    drawn++;
    // The face is drawn white; the ribbon over it black.
    const readable = face[i * 4 + 3] === 255 && face[i * 4] === 255;
    if (!readable) off++;
  }
  return { drawn, off };
}
