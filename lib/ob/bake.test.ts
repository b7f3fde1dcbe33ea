import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { assertSafeSvg, bakePng, bakeSvg, detectImageType, readPngHeader, unbakePng, unbakeSvg, validatePng } from "./bake";
import { ObInputError } from "./errors";

const fixtures = path.resolve(process.cwd(), "../shared/spec/1edtech-public-validator-fixtures");
const readBytes = (p: string) => new Uint8Array(readFileSync(path.join(fixtures, p)));
const readText = (p: string) => readFileSync(path.join(fixtures, p), "utf8");

const PLAIN_PNG = readBytes("ob20/assets/beths-robot-badge.png");
const JSON_PAYLOAD = JSON.stringify({
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  id: "https://laurel.example/c/cred_1",
  type: ["VerifiableCredential", "OpenBadgeCredential"],
  name: "Café ✓ — ünïcödé",
});
const JWT_PAYLOAD = readText("ob30/simple.jwt").trim();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ObInputError);
    return (error as ObInputError).code;
  }
  return undefined;
}

/** Each chunk as [type, hex of its full bytes], in file order. */
function chunkList(png: Uint8Array): Array<[string, string]> {
  const buf = Buffer.from(png);
  const out: Array<[string, string]> = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    out.push([buf.toString("latin1", o + 4, o + 8), buf.subarray(o, o + 12 + len).toString("hex")]);
    o += 12 + len;
  }
  return out;
}

function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(data.length + 12);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Inserts extra chunks right after IHDR (signature 8 + IHDR 25 bytes). */
function withChunksAfterIhdr(png: Uint8Array, ...extra: Buffer[]): Uint8Array {
  return new Uint8Array(Buffer.concat([png.subarray(0, 33), ...extra, png.subarray(33)]));
}

describe("bakePng / unbakePng", () => {
  it.each([
    ["3.0", "JSON", JSON_PAYLOAD],
    ["3.0", "JWT", JWT_PAYLOAD],
    ["2.0", "JSON", readText("ob20/basic-assertion.json")],
    ["2.0", "URL", "https://laurel.example/c/cred_1/ob2"],
  ] as const)("round-trips a %s %s payload, leaving every other chunk byte-identical", (version, _kind, payload) => {
    const baked = bakePng(PLAIN_PNG, payload, version);
    expect(unbakePng(baked)).toEqual({ version, payload: payload.trim() });

    const before = chunkList(PLAIN_PNG);
    const after = chunkList(baked);
    expect(after[0]).toEqual(before[0]); // IHDR
    expect(after[1][0]).toBe("iTXt"); // inserted right after IHDR
    expect(Buffer.from(after[1][1], "hex").subarray(8).toString("latin1").split("\0")[0]).toBe(
      version === "3.0" ? "openbadgecredential" : "openbadges",
    );
    expect([after[0], ...after.slice(2)]).toEqual(before);
  });

  it("bakes a 2.0 assertion exactly as the 1EdTech baked fixture", () => {
    const baked = readBytes("ob20/simple-badge.png");
    const assertion = unbakePng(baked)!;
    expect(Buffer.from(bakePng(PLAIN_PNG, assertion.payload, "2.0")).equals(Buffer.from(baked))).toBe(true);
  });

  it("replaces rather than adds when re-baking, across versions", () => {
    const once = bakePng(PLAIN_PNG, JSON_PAYLOAD);
    const twice = bakePng(bakePng(once, "https://laurel.example/old", "2.0"), JWT_PAYLOAD, "3.0");
    expect(chunkList(twice).filter(([type]) => type === "iTXt")).toHaveLength(1);
    expect(unbakePng(twice)).toEqual({ version: "3.0", payload: JWT_PAYLOAD });
    expect(chunkList(twice).length).toBe(chunkList(PLAIN_PNG).length + 1);
  });

  it("returns null for a PNG without a credential", () => {
    expect(unbakePng(PLAIN_PNG)).toBeNull();
  });

  it.each([
    ["ob30/simple-json.png", "3.0", (p: string) => expect(JSON.parse(p).id).toBe("http://example.com/credentials/3527")],
    ["ob30/simple-jwt.png", "3.0", (p: string) => expect(p).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)],
    ["ob30/simple-jwt_v1.png", "3.0", (p: string) => expect(p.split(".")).toHaveLength(3)],
    ["ob20/simple-badge.png", "2.0", (p: string) => expect(JSON.parse(p).id).toBe("https://example.org/beths-robotics-badge.json")],
  ] as const)("unbakes the 1EdTech fixture %s", (file, version, check) => {
    const result = unbakePng(readBytes(file));
    expect(result?.version).toBe(version);
    check(result!.payload);
  });

  it("reads compressed iTXt and legacy tEXt/zTXt 'openbadges' chunks", () => {
    const compressed = chunk(
      "iTXt",
      Buffer.concat([Buffer.from("openbadgecredential\0\x01\x00en\0\0", "latin1"), deflateSync(Buffer.from(JSON_PAYLOAD))]),
    );
    expect(unbakePng(withChunksAfterIhdr(PLAIN_PNG, compressed))).toEqual({ version: "3.0", payload: JSON_PAYLOAD });

    const text = chunk("tEXt", Buffer.from("openbadges\0https://example.org/assertion/1", "latin1"));
    expect(unbakePng(withChunksAfterIhdr(PLAIN_PNG, text))).toEqual({ version: "2.0", payload: "https://example.org/assertion/1" });

    const ztxt = chunk("zTXt", Buffer.concat([Buffer.from("openbadges\0\0", "latin1"), deflateSync("https://example.org/a/2")]));
    expect(unbakePng(withChunksAfterIhdr(PLAIN_PNG, ztxt))).toEqual({ version: "2.0", payload: "https://example.org/a/2" });
  });

  it("ignores text chunks with other keywords", () => {
    const other = chunk("iTXt", Buffer.from("Comment\0\0\0\0\0openbadgecredential", "latin1"));
    const baked = bakePng(withChunksAfterIhdr(PLAIN_PNG, other), JSON_PAYLOAD);
    expect(unbakePng(baked)?.payload).toBe(JSON_PAYLOAD);
    expect(chunkList(baked).filter(([type]) => type === "iTXt")).toHaveLength(2);
  });

  it("refuses broken PNGs with distinct codes, never a crash", () => {
    const baked = bakePng(PLAIN_PNG, JSON_PAYLOAD);
    expect(codeOf(() => unbakePng(new TextEncoder().encode("<svg/>")))).toBe("png_invalid");
    expect(codeOf(() => bakePng(new Uint8Array(0), JSON_PAYLOAD))).toBe("png_invalid");
    expect(codeOf(() => unbakePng(baked.subarray(0, baked.length - 20)))).toBe("png_truncated");
    expect(codeOf(() => unbakePng(baked.subarray(0, 40)))).toBe("png_truncated");

    const badCrc = new Uint8Array(baked);
    badCrc[60] ^= 0xff; // inside the credential chunk's text
    expect(codeOf(() => unbakePng(badCrc))).toBe("png_bad_crc");
    expect(codeOf(() => bakePng(badCrc, JSON_PAYLOAD))).toBe("png_bad_crc");

    const two = withChunksAfterIhdr(baked, chunk("iTXt", Buffer.from("openbadges\0\0\0\0\0https://example.org/a", "latin1")));
    expect(codeOf(() => unbakePng(two))).toBe("png_multiple_credentials");

    const noSeparators = chunk("iTXt", Buffer.from("openbadgecredential\0\0", "latin1"));
    expect(codeOf(() => unbakePng(withChunksAfterIhdr(PLAIN_PNG, noSeparators)))).toBe("png_chunk_invalid");
    const badDeflate = chunk("iTXt", Buffer.from("openbadgecredential\0\x01\0\0\0not deflate", "latin1"));
    expect(codeOf(() => unbakePng(withChunksAfterIhdr(PLAIN_PNG, badDeflate)))).toBe("png_chunk_invalid");

    expect(codeOf(() => bakePng(PLAIN_PNG, ""))).toBe("payload_empty");
  });

  it("refuses a compressed credential that inflates past the cap", () => {
    const bomb = chunk(
      "iTXt",
      Buffer.concat([Buffer.from("openbadgecredential\0\x01\0\0\0", "latin1"), deflateSync(Buffer.alloc(64 * 1024 * 1024))]),
    );
    expect(codeOf(() => unbakePng(withChunksAfterIhdr(PLAIN_PNG, bomb)))).toBe("png_credential_too_large");
  });

  it("does not hang on big random input", () => {
    const random = randomBytes(8 * 1024 * 1024);
    const started = Date.now();
    expect(codeOf(() => unbakePng(random))).toBe("png_invalid");
    // Valid signature, garbage after it.
    const signed = Buffer.concat([PLAIN_PNG.subarray(0, 8), random]);
    expect(["png_invalid", "png_truncated", "png_bad_crc"]).toContain(codeOf(() => unbakePng(signed)));
    // A huge image with a valid structure is simply walked.
    const big = withChunksAfterIhdr(PLAIN_PNG, chunk("zzZz", random));
    expect(unbakePng(big)).toBeNull();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

const PLAIN_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- badge <svg> drawn by hand -->
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10">
  <title>Tom &amp; Jerry's "badge"</title>
  <circle cx="5" cy="5" r="4" fill="url(#g)"/>
</svg>
`;

/** The SVG with the credential element and the namespace declaration taken out again. */
function stripBaking(svg: string): string {
  return svg
    .replace(/<openbadges:(credential|assertion)[\s\S]*?<\/openbadges:\1>/, "")
    .replace(/ xmlns:openbadges="[^"]*"/, "");
}

describe("bakeSvg / unbakeSvg", () => {
  it("round-trips JSON in CDATA, leaving the rest of the text unchanged", () => {
    const baked = bakeSvg(PLAIN_SVG, JSON_PAYLOAD);
    expect(baked).toContain('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[');
    expect(unbakeSvg(baked)).toEqual({ version: "3.0", payload: JSON_PAYLOAD });
    expect(stripBaking(baked)).toBe(PLAIN_SVG);
  });

  it("keeps a payload containing ']]>' intact", () => {
    const payload = JSON.stringify({ narrative: "a]]>b ]]]]> <![CDATA[ c" });
    const baked = bakeSvg(PLAIN_SVG, payload);
    expect(unbakeSvg(baked)?.payload).toBe(payload);
    expect(unbakeSvg(bakeSvg(baked, payload))?.payload).toBe(payload);
  });

  it("round-trips a JWT in the verify attribute", () => {
    const baked = bakeSvg(PLAIN_SVG, JWT_PAYLOAD);
    expect(baked).toContain(`<openbadges:credential verify="${JWT_PAYLOAD}"></openbadges:credential>`);
    expect(unbakeSvg(baked)).toEqual({ version: "3.0", payload: JWT_PAYLOAD });
    expect(stripBaking(baked)).toBe(PLAIN_SVG);
  });

  it("bakes OB 2.0 as <openbadges:assertion> with verify", () => {
    const assertion = readText("ob20/basic-assertion.json");
    const baked = bakeSvg(PLAIN_SVG, assertion, "2.0");
    expect(baked).toContain('xmlns:openbadges="http://openbadges.org"');
    expect(baked).toContain('<openbadges:assertion verify="https://example.org/beths-robotics-badge.json"><![CDATA[');
    expect(unbakeSvg(baked)).toEqual({ version: "2.0", payload: assertion.trim() });
    const hosted = bakeSvg(PLAIN_SVG, "https://example.org/a/1", "2.0");
    expect(unbakeSvg(hosted)).toEqual({ version: "2.0", payload: "https://example.org/a/1" });
  });

  it("replaces an existing credential in place when re-baking", () => {
    const once = bakeSvg(PLAIN_SVG, JSON_PAYLOAD);
    const twice = bakeSvg(once, JWT_PAYLOAD);
    expect(twice.match(/<openbadges:credential/g)).toHaveLength(1);
    expect(twice.match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(unbakeSvg(twice)?.payload).toBe(JWT_PAYLOAD);
    // 2.0 → 3.0 rebinds the prefix to the 3.0 namespace.
    const ob3 = bakeSvg(bakeSvg(PLAIN_SVG, "https://example.org/a/1", "2.0"), JSON_PAYLOAD, "3.0");
    expect(unbakeSvg(ob3)).toEqual({ version: "3.0", payload: JSON_PAYLOAD });
    expect(ob3).not.toContain("openbadges.org");
    // Re-baking the 1EdTech fixture keeps its declaration and position.
    const fixture = readText("ob30/simple-json.svg");
    const rebaked = bakeSvg(fixture, JWT_PAYLOAD);
    expect(rebaked).toBe(
      fixture.replace(
        /<openbadges:credential>[\s\S]*<\/openbadges:credential>/,
        `<openbadges:credential verify="${JWT_PAYLOAD}"></openbadges:credential>`,
      ),
    );
  });

  it("opens a self-closing root", () => {
    const baked = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', JSON_PAYLOAD);
    expect(baked.endsWith("</openbadges:credential></svg>")).toBe(true);
    expect(unbakeSvg(baked)?.payload).toBe(JSON_PAYLOAD);
  });

  it.each([
    ["ob30/simple-json.svg", (p: string) => expect(JSON.parse(p).id).toBe("http://example.com/credentials/3527")],
    ["ob30/simple-jwt.svg", (p: string) => expect(p).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)],
    ["ob30/simple-jwt_v1.svg", (p: string) => expect(p.split(".")).toHaveLength(3)],
  ] as const)("unbakes the 1EdTech fixture %s", (file, check) => {
    const result = unbakeSvg(readText(file));
    expect(result?.version).toBe("3.0");
    check(result!.payload);
    expect(unbakeSvg(readBytes(file))).toEqual(result);
  });

  it("reads a credential under another prefix or a default namespace, and entity-escaped text", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0"><ob:credential>{"a":"&lt;b&gt;"}</ob:credential></svg>`;
    expect(unbakeSvg(svg)?.payload).toBe('{"a":"<b>"}');
    const def = `<svg xmlns="http://www.w3.org/2000/svg"><credential xmlns="https://purl.imsglobal.org/ob/v3p0"><![CDATA[{}]]></credential></svg>`;
    expect(unbakeSvg(def)?.payload).toBe("{}");
    expect(unbakeSvg(PLAIN_SVG)).toBeNull();
  });

  it.each([
    ["script", `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`],
    ["onload", `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>`],
    ["prefixed script", `<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script href="x.js"/></svg:svg>`],
    ["javascript URL", `<svg xmlns="http://www.w3.org/2000/svg"><a href="&#106;ava\tscript:alert(1)"><rect/></a></svg>`],
    ["animated href", `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/></a></svg>`],
    ["foreignObject", `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>`],
    ["entity", `<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`],
  ])("refuses an SVG with %s: svg_unsafe", (_what, svg) => {
    expect(codeOf(() => unbakeSvg(svg))).toBe("svg_unsafe");
    expect(codeOf(() => bakeSvg(svg, JSON_PAYLOAD))).toBe("svg_unsafe");
    expect(codeOf(() => assertSafeSvg(svg, { allowExternalReferences: true }))).toBe("svg_unsafe");
  });

  it("does not mistake text for markup: a credential may mention <script> and onload=", () => {
    const payload = JSON.stringify({ narrative: "Wrote <script> tags; set onload=\"x\" and javascript: URLs safely" });
    expect(unbakeSvg(bakeSvg(PLAIN_SVG, payload))?.payload).toBe(payload);
  });

  it("flags external references only when asked to (uploads)", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.png"/><use href="#a"/></svg>`;
    expect(codeOf(() => assertSafeSvg(svg))).toBe("svg_external_reference");
    expect(codeOf(() => assertSafeSvg(`<svg><style>@import url(https://x.example/f.css);</style></svg>`))).toBe("svg_external_reference");
    expect(() => assertSafeSvg(PLAIN_SVG)).not.toThrow();
    expect(() => assertSafeSvg(`<svg><a href="https://issuer.example"><rect/></a></svg>`)).not.toThrow();
    expect(() => assertSafeSvg(readText("ob30/simple-json.svg"))).not.toThrow();
    expect(unbakeSvg(svg)).toBeNull();
  });

  it("refuses malformed SVGs and non-SVGs with clear codes", () => {
    expect(codeOf(() => unbakeSvg("<html><body/></html>"))).toBe("svg_invalid");
    expect(codeOf(() => unbakeSvg("<svg><g></svg>"))).toBe("svg_invalid");
    expect(codeOf(() => unbakeSvg("<svg><![CDATA[ never closed</svg>"))).toBe("svg_invalid");
    expect(codeOf(() => unbakeSvg('<svg a="1></svg>'))).toBe("svg_invalid");
    expect(codeOf(() => unbakeSvg("<svg/><svg/>"))).toBe("svg_invalid");
    expect(codeOf(() => unbakeSvg(""))).toBe("svg_invalid");
    const two = `<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c"/><openbadges:credential verify="d.e.f"/></svg>`;
    expect(codeOf(() => unbakeSvg(two))).toBe("svg_multiple_credentials");
    expect(codeOf(() => unbakeSvg(`<svg><openbadges:credential>  </openbadges:credential></svg>`))).toBe("svg_credential_empty");
  });

  it("does not hang on hostile text", () => {
    const started = Date.now();
    for (const svg of [
      "<svg>" + "<!--".repeat(200_000),
      "<svg/>" + "<!--".repeat(200_000),
      " ".repeat(1_000_000) + "x",
      "<svg>" + "<g>".repeat(100_000) + "</g>".repeat(100_000) + "</svg>",
      "<svg " + 'a="1" '.repeat(100_000) + ">",
    ]) {
      try {
        unbakeSvg(svg);
      } catch (error) {
        expect(error).toBeInstanceOf(ObInputError);
      }
      detectImageType(new TextEncoder().encode(svg));
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("the SVG policy", () => {
  const NS = 'xmlns="http://www.w3.org/2000/svg"';
  it.each([
    ["a data: document in <use>", `<svg ${NS}><use href="data:image/svg+xml;base64,PHN2Zy8+#a"/></svg>`],
    ["an ATTLIST that adds a handler", `<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg ${NS}/>`],
    ["an HTML element outside foreignObject", `<svg ${NS}><p xmlns="http://www.w3.org/1999/xhtml">x</p></svg>`],
    ["a prefixed handler", `<svg ${NS} xmlns:x="urn:x"><rect x:onclick="alert(1)"/></svg>`],
  ])("refuses %s even when only reading (svg_unsafe)", (_what, svg) => {
    expect(codeOf(() => unbakeSvg(svg))).toBe("svg_unsafe");
    expect(codeOf(() => assertSafeSvg(svg, { allowExternalReferences: true }))).toBe("svg_unsafe");
  });

  it("counts <use> expansion, refusing bombs and cycles at upload", () => {
    const levels = ['<rect id="l0"/>'];
    for (let level = 1; level <= 6; level++) levels.push(`<g id="l${level}">${`<use href="#l${level - 1}"/>`.repeat(10)}</g>`);
    const bomb = `<svg ${NS}><defs>${levels.join("")}</defs><use href="#l6"/></svg>`;
    expect(codeOf(() => assertSafeSvg(bomb))).toBe("svg_too_complex");
    expect(codeOf(() => assertSafeSvg(`<svg ${NS}><g id="a"><g><use href="#a"/></g></g></svg>`))).toBe("svg_too_complex");
    expect(assertSafeSvg(`<svg ${NS}><defs><circle id="c" r="1"/></defs><use href="#c"/><use href="#c"/></svg>`).expandedElements).toBe(7); // svg, defs, circle, 2 × (use + circle)
    // Reading a baked credential does not count: it draws nothing.
    expect(unbakeSvg(bomb)).toBeNull();
  });

  it("lets an <image> embed a raster data: picture (its size is the intake's to check), nothing else", () => {
    const png = `data:image/png;base64,${Buffer.from(PLAIN_PNG).toString("base64")}`;
    expect(assertSafeSvg(`<svg ${NS}><image href="${png}"/></svg>`).embeddedImages).toEqual([png]);
    expect(codeOf(() => assertSafeSvg(`<svg ${NS}><image href="data:image/svg+xml;base64,PHN2Zy8+"/></svg>`))).toBe("svg_external_reference");
  });
});

describe("readPngHeader / validatePng", () => {
  it("reads the size from IHDR alone and checks the structure without decoding", () => {
    expect(readPngHeader(PLAIN_PNG)).toMatchObject({ width: expect.any(Number), height: expect.any(Number) });
    expect(readPngHeader(PLAIN_PNG.subarray(0, 33)).width).toBe(readPngHeader(PLAIN_PNG).width);
    expect(() => validatePng(PLAIN_PNG)).not.toThrow();
    expect(codeOf(() => validatePng(PLAIN_PNG.subarray(0, 33)))).toBe("png_truncated");
    const badDepth = new Uint8Array(PLAIN_PNG);
    badDepth[24] = 3; // bit depth 3 exists for no colour type
    expect(codeOf(() => readPngHeader(badDepth))).toBe("png_invalid");
  });
});

describe("detectImageType", () => {
  it("tells PNG from SVG from anything else", () => {
    expect(detectImageType(PLAIN_PNG)).toBe("png");
    expect(detectImageType(readBytes("ob30/simple-json.svg"))).toBe("svg");
    expect(detectImageType(new TextEncoder().encode("\uFEFF" + PLAIN_SVG))).toBe("svg");
    expect(detectImageType(new TextEncoder().encode("<!DOCTYPE html><html></html>"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("%PDF-1.7"))).toBeNull();
    expect(detectImageType(new Uint8Array(0))).toBeNull();
  });
});
