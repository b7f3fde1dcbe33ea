import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { achievementFormSchema } from "@/lib/issuing/schemas";
import { solidPng } from "@/lib/test/images";
import { signatureFromUpload } from "./certificate-signature";
import { certificateTemplateSchema } from "./certificate-template";

const FIELD = "certificate.signers.0.signatureFile";
const file = (bytes: Uint8Array | string, name: string) => new File([typeof bytes === "string" ? bytes : Buffer.from(bytes)], name);

async function uploadError(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fields?.[FIELD];
}

describe("signature images", () => {
  it("keeps a valid PNG as a data URL the certificate settings accept", async () => {
    const png = solidPng(40, [20, 20, 120]);
    const dataUrl = await signatureFromUpload(file(png, "sig.png"), FIELD);
    expect(dataUrl).toBe(`data:image/png;base64,${Buffer.from(png).toString("base64")}`);
    const parsed = certificateTemplateSchema.parse({ signers: [{ name: "Ada", signature: dataUrl }] });
    expect(parsed.signers[0].signature).toBe(dataUrl);
  });

  it("refuses a file over 200 KB, one that is not an image, and a damaged PNG", async () => {
    const big = new Uint8Array(200 * 1024 + 1);
    big.set(solidPng(8));
    expect(await uploadError(signatureFromUpload(file(big, "big.png"), FIELD))).toEqual({ code: "signature_file_too_large", params: { maxKb: 200 } });
    expect((await uploadError(signatureFromUpload(file("GIF89a not an image", "sig.png"), FIELD)))?.code).toBe("signature_image_type");
    expect((await uploadError(signatureFromUpload(file("<svg xmlns='http://www.w3.org/2000/svg'/>", "sig.svg"), FIELD)))?.code).toBe("signature_image_type");
    const png = solidPng(40);
    expect((await uploadError(signatureFromUpload(file(png.slice(0, png.length - 20), "cut.png"), FIELD)))?.code).toBe("signature_image_invalid");
    expect((await uploadError(signatureFromUpload(file(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "cut.jpg"), FIELD)))?.code).toBe("signature_image_invalid");
  });

  it("the settings take only PNG or JPEG data URLs", () => {
    for (const signature of ["data:image/svg+xml;base64,PHN2Zz4=", "https://example.org/sig.png", `data:image/png;base64,${"A".repeat(300_000)}`])
      expect(certificateTemplateSchema.safeParse({ signers: [{ name: "Ada", signature }] }).success).toBe(false);
  });

  it("the form carries each signer's upload and remove box beside the signer, never inside it", () => {
    const upload = file(solidPng(20), "sig.png");
    const parsed = achievementFormSchema.parse({
      name: "Signed",
      description: "With signatures.",
      "criteria.narrative": "Sign.",
      certificateEnabled: "on",
      "certificate.paperSize": "A4",
      "certificate.signers.0.name": "Ada Director",
      "certificate.signers.0.signatureFile": upload,
      "certificate.signers.0.signature": "data:image/png;base64,AAAA",
      "certificate.signers.1.signatureFile": new File([], ""),
      "certificate.signers.2.name": "Bo Dean",
      "certificate.signers.2.removeSignature": "on",
    });
    expect(parsed.certificate?.signers).toEqual([{ name: "Ada Director" }, { name: "Bo Dean" }]);
    expect(parsed.signatureChanges).toEqual([
      { slot: 0, field: "certificate.signers.0.signatureFile", file: upload, remove: false },
      { slot: 2, field: "certificate.signers.2.signatureFile", file: undefined, remove: true },
    ]);
  });
});
