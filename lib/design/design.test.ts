import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod, AppError } from "@/lib/errors";
import { unbakePng } from "@/lib/ob/bake";
import { solidPng } from "@/lib/test/images";
import { BADGE_ICONS, BADGE_TEMPLATES, badgeDesignSchema, type BadgeDesign } from "./badge-design";
import { iconPaths } from "./icons";
import { renderBadge } from "./render-badge";
import { badgeImageFromUpload, pngDimensions } from "./uploads";

const design: BadgeDesign = {
  template: "shield",
  primaryColor: "#1f5f4a",
  secondaryColor: "#d9a521",
  icon: "graduation-cap",
  title: "Data Literacy",
  subtitle: "Foundations",
  ribbonLabel: "Level 2",
  border: true,
};

/** Decodes a PNG (through resvg, as an embedded image) to RGBA pixels. */
function decode(png: Uint8Array, size = 600) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><image width="${size}" height="${size}" href="data:image/png;base64,${Buffer.from(png).toString("base64")}"/></svg>`;
  return new Resvg(svg).render().pixels;
}

/** An 8×8 average hash: a picture's rough shape, stable across tiny rendering differences. */
function averageHash(pixels: Buffer, size = 600): string {
  const cell = size / 8;
  const means: number[] = [];
  for (let cy = 0; cy < 8; cy++)
    for (let cx = 0; cx < 8; cx++) {
      let sum = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; y += 5)
        for (let x = cx * cell; x < (cx + 1) * cell; x += 5) {
          const i = (y * size + x) * 4;
          // Transparent pixels count as white, as the badge is shown on a page.
          const a = pixels[i + 3] / 255;
          sum += (0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2]) * a + 255 * (1 - a);
        }
      means.push(sum);
    }
  const mean = means.reduce((a, b) => a + b) / means.length;
  return means.map((m) => (m > mean ? "1" : "0")).join("");
}

const hamming = (a: string, b: string) => [...a].filter((bit, i) => bit !== b[i]).length;

const file = (bytes: Uint8Array | string, name: string) => new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name);

async function uploadError(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fields?.imageFile?.code;
}

describe("badge design schema", () => {
  it("accepts a full design and fills the border default", () => {
    const parsed = badgeDesignSchema.parse({ ...design, border: undefined, subtitle: "" });
    expect(parsed.border).toBe(true);
    expect(parsed.subtitle).toBeUndefined();
  });

  it("names each bad field", () => {
    const result = badgeDesignSchema.safeParse({ ...design, template: "star", primaryColor: "green", icon: "skull", title: "" });
    expect(result.success).toBe(false);
    const fields = fieldErrorsFromZod(result.error!);
    expect(fields).toMatchObject({
      template: { code: "invalid_choice" },
      primaryColor: { code: "color_format" },
      icon: { code: "invalid_choice" },
      title: { code: "required" },
    });
  });

  it("every offered icon exists in the bundled icon set", () => {
    for (const icon of BADGE_ICONS) expect(iconPaths(icon)).toMatch(/<(path|circle|rect|line|polyline|polygon|ellipse)/);
  });
});

describe("rendering", () => {
  it.each(BADGE_TEMPLATES)("the %s template renders to a self-contained SVG and a 600×600 PNG", async (template) => {
    const { svg, png } = await renderBadge({ ...design, template });
    expect(svg).toMatch(/^<svg[^>]+width="600"[^>]+height="600"/);
    expect(svg).not.toMatch(/<script|<text|<image|https?:\/\/(?!www\.w3\.org)/); // text is drawn as paths, nothing loads
    expect(unbakePng(png)).toBeNull(); // walks and checks every chunk
    expect(pngDimensions(png)).toEqual({ width: 600, height: 600 });
  });

  it("the shield looks like the shield it always was (perceptual hash and colours)", async () => {
    const { png } = await renderBadge(design);
    const pixels = decode(png);
    expect(hamming(averageHash(pixels), SHIELD_HASH)).toBeLessThanOrEqual(4);
    // The centre of the shield is the primary colour; the corners are transparent.
    const at = (x: number, y: number) => [...pixels.subarray((y * 600 + x) * 4, (y * 600 + x) * 4 + 4)];
    expect(at(100, 300)).toEqual([0x1f, 0x5f, 0x4a, 255]);
    expect(at(5, 595)[3]).toBe(0);
  });

  it("changing the design changes the picture", async () => {
    const shield = averageHash(decode((await renderBadge(design)).png));
    const circle = averageHash(decode((await renderBadge({ ...design, template: "circle" })).png));
    expect(hamming(shield, circle)).toBeGreaterThan(4);
  });
});

describe("uploaded badge images", () => {
  it("accepts a PNG of at least 300×300 and offers it as SVG too", async () => {
    const png = solidPng(320);
    const image = await badgeImageFromUpload(file(png, "badge.png"));
    expect(image.png).toEqual(png);
    expect(image.svg).toContain("data:image/png;base64,");
  });

  it("refuses a PNG under 300×300", async () => {
    expect(await uploadError(badgeImageFromUpload(file(solidPng(299), "small.png")))).toBe("badge_too_small");
  });

  it("refuses a file over 2 MB", async () => {
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(solidPng(8).subarray(0, 8));
    expect(await uploadError(badgeImageFromUpload(file(big, "big.png")))).toBe("badge_file_too_large");
  });

  it("refuses a file that only claims to be a PNG", async () => {
    expect(await uploadError(badgeImageFromUpload(file("GIF89a not really a png", "fake.png")))).toBe("badge_image_type");
    const truncated = solidPng(320).subarray(0, 60);
    expect(await uploadError(badgeImageFromUpload(file(truncated, "cut.png")))).toBe("badge_image_invalid");
  });

  it("accepts a plain SVG and rasterises it", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#1f5f4a"/></svg>';
    const image = await badgeImageFromUpload(file(svg, "badge.svg"));
    expect(image.svg).toBe(svg);
    expect(pngDimensions(image.png).width).toBe(600);
  });

  it("refuses an SVG with a script or an outside reference", async () => {
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const handler = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5" onload="alert(1)"/></svg>';
    const external = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://evil.example/x.png" width="5" height="5"/></svg>';
    for (const svg of [scripted, handler, external]) expect(await uploadError(badgeImageFromUpload(file(svg, "bad.svg")))).toBe("svg_unsafe");
  });
});

// Recorded from a reviewed render (white = 1): the shield outline with its ribbon band.
const SHIELD_HASH = "1111111110000001100000011000000110000001111001111100001111111111";

describe("criteria Markdown", () => {
  it("renders Markdown and strips anything active", async () => {
    const { criteriaHtml } = await import("./criteria-markdown");
    const html = criteriaHtml("# Steps\n\n- **Pass** the [exam](https://example.org)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");
    expect(html).toContain("<h3>Steps</h3>");
    expect(html).toContain("<strong>Pass</strong>");
    expect(html).toContain('href="https://example.org"');
    expect(html).not.toMatch(/<script|<img|onerror|href="javascript:/);
  });
});
