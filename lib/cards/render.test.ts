import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { solidPng } from "@/lib/test/images";
import { cardTranslator } from "./i18n";
import { CARD_HEIGHT, CARD_MARGIN, CARD_WIDTH, FOOTER_HEIGHT, STATUS_COLORS, brandColor, cardTree, contrast, inkOn, treeText, truncate } from "./layout";
import type { CardModel } from "./model";
import { renderCard } from "./render";

const SNAPSHOT = join(dirname(fileURLToPath(import.meta.url)), "__snapshots__", "credential-card.png");
/** Share of pixels allowed to differ from the baseline (fonts rasterise the same, but be tolerant). */
const TOLERANCE = 0.01;

const badge = `data:image/png;base64,${Buffer.from(solidPng(300, [217, 165, 33])).toString("base64")}`;
const BRAND = "#3b2a8f";
const fixed: Extract<CardModel, { kind: "credential" }> = {
  kind: "credential",
  brand: BRAND,
  badge,
  title: "Data Literacy Foundations",
  recipient: "Lee Learner",
  issuer: { name: "Verifiable Academy", logo: null },
  issuedOn: new Date("2025-03-14T12:00:00Z"),
  state: "valid",
};

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function pixel(image: PNG, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [image.data[i], image.data[i + 1], image.data[i + 2]];
}

/** Pixels that differ (pixelmatch, threshold 0.1) inside a rectangle of two same-size images. */
function differing(a: PNG, b: PNG, box = { x: 0, y: 0, w: a.width, h: a.height }): number {
  const crop = (image: PNG) => {
    const out = Buffer.alloc(box.w * box.h * 4);
    for (let y = 0; y < box.h; y++) image.data.copy(out, y * box.w * 4, ((box.y + y) * image.width + box.x) * 4, ((box.y + y) * image.width + box.x + box.w) * 4);
    return out;
  };
  return pixelmatch(crop(a), crop(b), undefined, box.w, box.h, { threshold: 0.1 });
}

/** Pixels in a rectangle that are not the background colour (text, images). */
function ink(image: PNG, background: string, box: { x: number; y: number; w: number; h: number }): number {
  const [r, g, b] = rgb(background);
  let count = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const [pr, pg, pb] = pixel(image, x, y);
      if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) > 30) count++;
    }
  }
  return count;
}

/** The text column right of the badge, above the footer. */
const TEXT_COLUMN = { x: 470, y: 0, w: CARD_WIDTH - 470 - CARD_MARGIN, h: CARD_HEIGHT - FOOTER_HEIGHT };
const FOOTER = { x: 0, y: CARD_HEIGHT - FOOTER_HEIGHT, w: CARD_WIDTH, h: FOOTER_HEIGHT };

describe("share card rendering", () => {
  it("is a 1200×630 PNG that matches the committed baseline (perceptually)", async () => {
    const png = await renderCard(fixed, "en");
    const image = decode(png);
    expect([image.width, image.height]).toEqual([1200, 630]);

    // UPDATE_CARD_SNAPSHOTS=1 rewrites the baseline after an intended design change.
    if (process.env.UPDATE_CARD_SNAPSHOTS === "1") {
      mkdirSync(dirname(SNAPSHOT), { recursive: true });
      writeFileSync(SNAPSHOT, png);
    }
    expect(existsSync(SNAPSHOT), "baseline missing: run with UPDATE_CARD_SNAPSHOTS=1").toBe(true);
    const baseline = decode(readFileSync(SNAPSHOT));
    expect([baseline.width, baseline.height]).toEqual([1200, 630]);
    const same = differing(image, baseline) / (1200 * 630);
    expect(same).toBeLessThan(TOLERANCE);

    // The comparison can fail: another achievement name is a different card.
    const other = decode(await renderCard({ ...fixed, title: "Advanced Statistical Modelling" }, "en"));
    const changed = differing(other, baseline) / (1200 * 630);
    expect(changed).toBeGreaterThan(TOLERANCE);
  });

  it("keeps a 200-character name and title inside their box", async () => {
    const long = "Maximiliana Alexandrina Wolfeschlegelsteinhausen ".repeat(5).slice(0, 200);
    expect(long.length).toBe(200);
    const unbroken = "x".repeat(200);
    const short = decode(await renderCard(fixed, "en"));
    for (const model of [
      { ...fixed, recipient: long, title: long },
      { ...fixed, recipient: unbroken, title: unbroken },
    ]) {
      const image = decode(await renderCard(model, "en"));
      expect([image.width, image.height]).toEqual([1200, 630]);
      // The right-hand margin stays the brand colour from top to footer…
      expect(ink(image, BRAND, { x: CARD_WIDTH - CARD_MARGIN + 2, y: 0, w: CARD_MARGIN - 2, h: CARD_HEIGHT - FOOTER_HEIGHT })).toBe(0);
      // …the footer band is exactly as with short names…
      expect(differing(image, short, FOOTER)).toBe(0);
      // …and the text did render (clamped, not dropped).
      expect(ink(image, BRAND, TEXT_COLUMN)).toBeGreaterThan(ink(short, BRAND, TEXT_COLUMN));
    }
    // The character budget behind the clamp.
    expect(Array.from(truncate(long, 80)).length).toBeLessThanOrEqual(80);
    expect(truncate(long, 80).endsWith("…")).toBe(true);
  });

  it("says Revoked (or Expired) on a band of its own colour instead of Verified", async () => {
    const en = cardTranslator("en");
    const revokedTree = treeText(cardTree({ ...fixed, state: "revoked" }, "en", en));
    expect(revokedTree).toContain("Revoked");
    expect(revokedTree).not.toContain("Verified");
    expect(treeText(cardTree(fixed, "en", en))).toContain("Verified");
    expect(treeText(cardTree({ ...fixed, state: "expired" }, "en", en))).toContain("Expired");
    expect(treeText(cardTree({ ...fixed, state: "revoked" }, "es", cardTranslator("es")))).toContain("Revocada");

    const valid = decode(await renderCard(fixed, "en"));
    const revoked = decode(await renderCard({ ...fixed, state: "revoked" }, "en"));
    const expired = decode(await renderCard({ ...fixed, state: "expired" }, "en"));
    const bandPoint = [CARD_WIDTH / 2, CARD_HEIGHT - FOOTER_HEIGHT / 2] as const;
    expect(pixel(valid, ...bandPoint)).toEqual(rgb(STATUS_COLORS.valid));
    expect(pixel(revoked, ...bandPoint)).toEqual(rgb(STATUS_COLORS.revoked));
    expect(pixel(expired, ...bandPoint)).toEqual(rgb(STATUS_COLORS.expired));
    expect(new Set([STATUS_COLORS.valid, STATUS_COLORS.revoked, STATUS_COLORS.expired]).size).toBe(3);
  });

  it("names the day a credential was revoked or expired, and fades its badge", async () => {
    const en = cardTranslator("en");
    const revokedOn = new Date("2026-11-20T09:00:00Z");
    const revokedText = treeText(cardTree({ ...fixed, state: "revoked", stateDate: revokedOn }, "en", en));
    expect(revokedText).toContain("Revoked November 20, 2026");
    expect(revokedText.join(" ")).not.toMatch(/verified/i);
    expect(treeText(cardTree({ ...fixed, state: "expired", stateDate: new Date("2026-01-31T12:00:00Z") }, "en", en))).toContain("Expired January 31, 2026");
    expect(treeText(cardTree({ ...fixed, state: "revoked", stateDate: revokedOn }, "es", cardTranslator("es")))).toContain("Revocada el 20 de noviembre de 2026");

    // The badge (a solid golden square on the valid card) is drawn faded into the brand colour.
    const badgePoint = [CARD_MARGIN + 180, 40 + 233] as const;
    const valid = decode(await renderCard(fixed, "en"));
    const revoked = decode(await renderCard({ ...fixed, state: "revoked", stateDate: revokedOn }, "en"));
    expect(pixel(valid, ...badgePoint)).toEqual([217, 165, 33]);
    const faded = pixel(revoked, ...badgePoint);
    const distance = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]), 0);
    expect(distance(faded, [217, 165, 33])).toBeGreaterThan(100);
    expect(distance(faded, rgb(BRAND))).toBeLessThan(distance([217, 165, 33], rgb(BRAND)));
  });

  it("picks a readable text colour for any brand colour", () => {
    for (let r = 0; r < 256; r += 17) {
      for (let g = 0; g < 256; g += 17) {
        for (let b = 0; b < 256; b += 17) {
          const color = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
          expect(contrast(inkOn(color), color)).toBeGreaterThan(4);
        }
      }
    }
    for (const color of Object.values(STATUS_COLORS)) expect(contrast("#ffffff", color)).toBeGreaterThanOrEqual(4.5);
    expect(brandColor("javascript:alert(1)")).toBe("#1f5f4a");
  });

  it("draws names in Arabic, Devanagari and Hebrew with real glyphs", async () => {
    const without = decode(await renderCard({ ...fixed, recipient: null }, "en"));
    const base = ink(without, BRAND, TEXT_COLUMN);
    for (const [a, b] of [
      ["محمد", "سلام"],
      ["मोहन", "राजू"],
      ["דוד", "שרה"],
    ]) {
      const first = decode(await renderCard({ ...fixed, recipient: a }, "en"));
      const second = decode(await renderCard({ ...fixed, recipient: b }, "en"));
      // The name drew something where it sits…
      expect(ink(first, BRAND, TEXT_COLUMN) - base).toBeGreaterThan(300);
      // …and different names of the same length look different (missing-glyph boxes would not).
      expect(differing(first, second, TEXT_COLUMN)).toBeGreaterThan(200);
    }
  });

  it("renders the profile, achievement and issuer cards at 1200×630 with their labels", async () => {
    const models: CardModel[] = [
      { kind: "profile", name: "Ana María Pérez", headline: "Data analyst", photo: null, publicBadges: 7, badges: [badge, badge] },
      { kind: "achievement", brand: "#f5d90a", badge, title: "Data Literacy", issuer: { name: "Verifiable Academy", logo: badge }, holders: 1234 },
      { kind: "issuer", brand: "#0e7490", logo: badge, name: "Verifiable Academy", description: "We teach people to read data.", achievements: 12 },
    ];
    const en = cardTranslator("en");
    expect(treeText(cardTree(models[0], "en", en))).toContain("7 public badges");
    expect(treeText(cardTree(models[1], "en", en))).toEqual(expect.arrayContaining(["1,234 holders", "Earn this badge"]));
    expect(treeText(cardTree(models[1], "es", cardTranslator("es")))).toContain("Consigue esta insignia");
    expect(treeText(cardTree(models[2], "en", en))).toContain("12 achievements");
    for (const model of models) {
      const image = decode(await renderCard(model, "en"));
      expect([image.width, image.height]).toEqual([1200, 630]);
    }
  });
});
