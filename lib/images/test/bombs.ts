// Hostile images for tests: small files whose headers claim enormous pictures, and SVGs that
// expand when drawn. Each is a well-formed file: only its size is the problem.
import { crc32, deflateSync } from "node:zlib";

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

/**
 * A 1-bit greyscale PNG of `width`×`height` zeros with every row present (so a decoder would
 * really produce the whole picture): 16000×16000 is about 32 KB on disk and 1 GB as RGBA.
 */
export function pngBomb(width = 16000, height = 16000): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale
  const rowBytes = 1 + Math.ceil(width / 8);
  const pixels = deflateSync(Buffer.alloc(rowBytes * height), { level: 9 });
  return new Uint8Array(
    Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", new Uint8Array(0))]),
  );
}

/** A JPEG whose frame header (SOF0) claims `width`×`height` pixels; a few hundred bytes. */
export function jpegBomb(width = 20000, height = 20000): Uint8Array {
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const jfif = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const dqt = segment(0xdb, [0x00, ...Array.from({ length: 64 }, () => 1)]);
  const sof0 = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  const dht = segment(0xc4, [0x00, 0, 1, ...Array.from({ length: 14 }, () => 0), 0]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  return Uint8Array.from([0xff, 0xd8, ...jfif, ...dqt, ...sof0, ...dht, ...sos, 0x00, 0x00, 0xff, 0xd9]);
}

/** An SVG drawn at 100000×100000 pixels. */
export const SVG_HUGE = '<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="100%" height="100%" fill="#1f5f4a"/></svg>';

/** Nine levels of ten <use> each: 10⁹ rectangles once expanded, in under 2 KB. */
export const SVG_USE_BOMB = (() => {
  const levels = ['<rect id="l0" width="1" height="1"/>'];
  for (let level = 1; level <= 9; level++) {
    const uses = Array.from({ length: 10 }, () => `<use href="#l${level - 1}"/>`).join("");
    levels.push(`<g id="l${level}">${uses}</g>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><defs>${levels.join("")}</defs><use href="#l9"/></svg>`;
})();

/** "Billion laughs": entities that expand to 10⁹ characters. */
export const SVG_ENTITY_BOMB = `<?xml version="1.0"?>
<!DOCTYPE svg [
  <!ENTITY a "aaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><text y="20">&h;</text></svg>`;

/** Real images made by an encoder: a 4×3 JPEG and a 5×2 lossy WebP. */
export const SMALL_JPEG = Buffer.from(
  "/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAAb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCbACdf/9k=",
  "base64",
);
export const SMALL_WEBP = Buffer.from("UklGRi4AAABXRUJQVlA4ICIAAAAwAQCdASoFAAIAAUAmJZgAA3AA/vQYV//4Vr+tD+3nJ0AA", "base64");

/** An ordinary opaque RGB PNG of `width`×`height` in one colour. */
export function solidRect(width: number, height: number, rgb: [number, number, number] = [31, 95, 74]): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return new Uint8Array(
    Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", new Uint8Array(0))]),
  );
}
