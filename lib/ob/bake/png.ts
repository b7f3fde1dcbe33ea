// PNG baking (OB 3.0 §5.3 / OB 2.0): one `iTXt` chunk, keyword `openbadgecredential` (3.0) or
// `openbadges` (2.0), holding JSON, a compact JWS/JWT, or (2.0) the assertion URL. Also the
// chunk walk and header reading that image intake uses to check a PNG before anything decodes it.
import * as zlib from "node:zlib";
import { ObInputError } from "../errors";
import { checkPayload, MAX_PAYLOAD_BYTES, OB2_PNG_KEYWORD, OB3_PNG_KEYWORD, type BakedPayload } from "./payload";

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function isPngSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

// zlib.crc32 only exists from Node 20.15/22.2; the table keeps older runtimes working.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function crc32(data: Uint8Array): number {
  if (typeof nativeCrc32 === "function") return nativeCrc32(data) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export type PngChunk = {
  type: string;
  /** Offset of the length field; the whole chunk is bytes[start, end). */
  start: number;
  end: number;
  data: Uint8Array;
};

function readUint32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

/** Walks and validates every chunk: signature, lengths, types, CRCs, IHDR first, IEND last. */
export function readPngChunks(png: Uint8Array): { chunks: PngChunk[]; trailer: Uint8Array } {
  if (!(png instanceof Uint8Array) || png.length < 8 || !PNG_SIGNATURE.every((b, i) => png[i] === b)) {
    throw new ObInputError("png_invalid", "This file is not a PNG image.");
  }
  const chunks: PngChunk[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > png.length) {
      throw new ObInputError("png_truncated", "The PNG image is cut short (it ends before its last chunk).");
    }
    const length = readUint32(png, offset);
    if (length > 0x7fffffff) {
      throw new ObInputError("png_invalid", "The PNG image has a chunk with an impossible length.");
    }
    const typeBytes = png.subarray(offset + 4, offset + 8);
    if (!typeBytes.every((b) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a))) {
      throw new ObInputError("png_invalid", "The PNG image has a chunk with an invalid type.");
    }
    const end = offset + 12 + length;
    if (end > png.length) {
      throw new ObInputError("png_truncated", "The PNG image is cut short (a chunk runs past the end of the file).");
    }
    const type = String.fromCharCode(...typeBytes);
    const expected = readUint32(png, offset + 8 + length);
    if (crc32(png.subarray(offset + 4, offset + 8 + length)) !== expected) {
      throw new ObInputError("png_bad_crc", `The PNG image is corrupt (checksum mismatch in a ${type} chunk).`);
    }
    if (chunks.length === 0 && type !== "IHDR") {
      throw new ObInputError("png_invalid", "The PNG image does not start with an IHDR chunk.");
    }
    chunks.push({ type, start: offset, end, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === "IEND") break;
  }
  // Bytes after IEND are not part of the image; they are kept as they were.
  return { chunks, trailer: png.subarray(offset) };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
const utf8 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("utf8");

function inflateText(compressed: Uint8Array): Uint8Array {
  try {
    return zlib.inflateSync(compressed, { maxOutputLength: MAX_PAYLOAD_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ObInputError("png_credential_too_large", "The credential inside the PNG image is too large.");
    }
    throw new ObInputError("png_chunk_invalid", "The credential inside the PNG image is corrupt (bad compression).");
  }
}

/** The Open Badges keyword of a text chunk, or null for any other chunk. Cheap: no inflating. */
function obKeyword(chunk: PngChunk): typeof OB3_PNG_KEYWORD | typeof OB2_PNG_KEYWORD | null {
  if (chunk.type !== "iTXt" && chunk.type !== "tEXt" && chunk.type !== "zTXt") return null;
  const nul = chunk.data.indexOf(0);
  const keyword = latin1(nul === -1 ? chunk.data : chunk.data.subarray(0, nul));
  return keyword === OB3_PNG_KEYWORD || keyword === OB2_PNG_KEYWORD ? keyword : null;
}

function chunkText(chunk: PngChunk): string {
  const data = chunk.data;
  const keywordEnd = data.indexOf(0);
  if (keywordEnd === -1) throw new ObInputError("png_chunk_invalid", `The PNG ${chunk.type} chunk has no keyword separator.`);
  if (chunk.type === "tEXt") return latin1(data.subarray(keywordEnd + 1));
  if (chunk.type === "zTXt") {
    if (data[keywordEnd + 1] !== 0) throw new ObInputError("png_chunk_invalid", "Unknown compression in the PNG zTXt chunk.");
    return latin1(inflateText(data.subarray(keywordEnd + 2)));
  }
  // iTXt: keyword \0 flag method language \0 translated keyword \0 text
  const flag = data[keywordEnd + 1];
  const method = data[keywordEnd + 2];
  const languageEnd = data.indexOf(0, keywordEnd + 3);
  const translatedEnd = languageEnd === -1 ? -1 : data.indexOf(0, languageEnd + 1);
  if (flag === undefined || method === undefined || translatedEnd === -1 || (flag !== 0 && flag !== 1)) {
    throw new ObInputError("png_chunk_invalid", "The PNG iTXt chunk holding the credential is malformed.");
  }
  const text = data.subarray(translatedEnd + 1);
  if (flag === 0) return utf8(text);
  if (method !== 0) throw new ObInputError("png_chunk_invalid", "Unknown compression in the PNG iTXt chunk.");
  return utf8(inflateText(text));
}

function itxtChunk(keyword: string, text: string): Uint8Array {
  const body = Buffer.concat([
    Buffer.from(keyword, "latin1"),
    // separator, compression flag 0, method 0, empty language tag + \0, empty translated keyword + \0
    Uint8Array.of(0, 0, 0, 0, 0),
    Buffer.from(text, "utf8"),
  ]);
  const chunk = Buffer.alloc(body.length + 12);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write("iTXt", 4, "latin1");
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  return chunk;
}

/**
 * Bakes `payload` into a PNG: one uncompressed iTXt chunk right after IHDR, replacing any
 * Open Badges chunk already there (either keyword). Every other chunk is copied unchanged.
 */
export function bakePng(png: Uint8Array, payload: string, version: "3.0" | "2.0" = "3.0"): Uint8Array {
  checkPayload(payload);
  const { chunks, trailer } = readPngChunks(png);
  const keyword = version === "2.0" ? OB2_PNG_KEYWORD : OB3_PNG_KEYWORD;
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const chunk of chunks) {
    if (obKeyword(chunk)) continue;
    parts.push(png.subarray(chunk.start, chunk.end));
    if (chunk.type === "IHDR") parts.push(itxtChunk(keyword, payload));
  }
  parts.push(trailer);
  return new Uint8Array(Buffer.concat(parts));
}

/** The baked credential, or null when the PNG carries none. Two credentials is an error. */
export function unbakePng(png: Uint8Array): BakedPayload | null {
  const { chunks } = readPngChunks(png);
  const found = chunks.filter((chunk) => obKeyword(chunk) !== null);
  if (found.length === 0) return null;
  if (found.length > 1) {
    throw new ObInputError("png_multiple_credentials", "The PNG image carries more than one credential.");
  }
  const payload = chunkText(found[0]).trim();
  if (payload === "") throw new ObInputError("png_credential_empty", "The PNG image's credential chunk is empty.");
  return { version: obKeyword(found[0]) === OB3_PNG_KEYWORD ? "3.0" : "2.0", payload };
}

export type PngHeader = { width: number; height: number; bitDepth: number; colorType: number; interlaced: boolean };

// Bit depths each colour type allows (PNG §11.2.2).
const BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * The IHDR fields, read from the first 33 bytes alone: nothing is inflated, so a PNG that
 * claims 16000×16000 pixels costs no more to refuse than a small one.
 */
export function readPngHeader(png: Uint8Array): PngHeader {
  if (!isPngSignature(png)) throw new ObInputError("png_invalid", "This file is not a PNG image.");
  if (png.length < 33) throw new ObInputError("png_truncated", "The PNG image is cut short (it ends inside its header).");
  const type = String.fromCharCode(...png.subarray(12, 16));
  if (type !== "IHDR" || readUint32(png, 8) !== 13) throw new ObInputError("png_invalid", "The PNG image does not start with an IHDR chunk.");
  const width = readUint32(png, 16);
  const height = readUint32(png, 20);
  const [bitDepth, colorType, compression, filter, interlace] = png.subarray(24, 29);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) {
    throw new ObInputError("png_invalid", "The PNG image's header gives an impossible size.");
  }
  if (!BIT_DEPTHS[colorType]?.includes(bitDepth) || compression !== 0 || filter !== 0 || interlace > 1) {
    throw new ObInputError("png_invalid", "The PNG image's header is invalid.");
  }
  return { width, height, bitDepth, colorType, interlaced: interlace === 1 };
}

/**
 * Checks a PNG's structure without decoding its pixels: a valid header, every chunk's length
 * and checksum, image data present, a palette where the colour type needs one, IEND last.
 */
export function validatePng(png: Uint8Array): PngHeader {
  const header = readPngHeader(png);
  const { chunks } = readPngChunks(png);
  const types = chunks.map((chunk) => chunk.type);
  if (!types.includes("IDAT")) throw new ObInputError("png_invalid", "The PNG image has no image data.");
  if (header.colorType === 3 && !types.includes("PLTE")) throw new ObInputError("png_invalid", "The PNG image has no palette.");
  const first = types.indexOf("IDAT");
  const last = types.lastIndexOf("IDAT");
  if (types.slice(first, last + 1).some((type) => type !== "IDAT")) {
    throw new ObInputError("png_invalid", "The PNG image's data chunks are not consecutive.");
  }
  return header;
}
