import { z } from "zod";

/**
 * Text Laurel stores or prints. PostgreSQL refuses NUL in text (it answers with an encoding
 * error), and a lone UTF-16 surrogate is not a character at all: stored, it silently turns into
 * U+FFFD. Both are refused where text comes in, with the field and the reason.
 */

// NUL, and a high surrogate not followed by a low one or a low one not preceded by a high one.
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(value: string): boolean {
  return !UNSAFE_TEXT.test(value);
}

/** The reason code of a refused string (also its i18n key under `errors.fields`). */
export const UNSAFE_TEXT_CODE = "invalid_characters";

/**
 * A string that can be stored: no NUL, no lone surrogate. Chain the usual checks after it,
 * e.g. `safeText().trim().min(1).max(200)`.
 */
export function safeText() {
  return z.string().refine(isSafeText, { message: UNSAFE_TEXT_CODE });
}

/** Someone else's text made storable (imports): NUL dropped, a lone surrogate shown as U+FFFD. */
export function cleanText(value: string): string {
  return value.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * Cuts text to at most `max` UTF-16 code units (what `z.string().max()` counts) with an ellipsis,
 * never inside a character: an emoji, a flag or an accented letter stays whole or goes whole.
 * With `atWord`, the cut moves back to the last space when one is in the second half.
 */
export function truncateText(text: string, max: number, options: { atWord?: boolean; ellipsis?: string } = {}): string {
  const ellipsis = options.ellipsis ?? "…";
  if (text.length <= max) return text;
  const budget = max - ellipsis.length;
  let cut = "";
  for (const { segment } of graphemes.segment(text)) {
    if (cut.length + segment.length > budget) break;
    cut += segment;
  }
  if (options.atWord) {
    // A space is one code unit of its own, so cutting there never splits a character.
    const space = cut.lastIndexOf(" ");
    if (space > max / 2) cut = cut.slice(0, space);
  }
  return `${cut.trimEnd()}${ellipsis}`;
}

/** The first whole character (grapheme) of text, e.g. for an initial. */
export function firstGrapheme(text: string): string {
  for (const { segment } of graphemes.segment(text)) return segment;
  return "";
}
