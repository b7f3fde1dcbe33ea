import { z } from "zod";
import { AppError } from "@/lib/errors";
import { checkImageDataUrl, type IntakeRules } from "@/lib/images/intake";
import { safeText } from "@/lib/text";

/** How an achievement's certificate is laid out; null on the achievement means "no certificate". */
export const PAPER_SIZES = ["A4", "Letter"] as const;

/**
 * The certificate's layouts. "classic" is the one every certificate had before layouts could be
 * chosen (and stays the default, so those do not change); each layout has its orientation.
 */
export const CERTIFICATE_LAYOUTS = ["classic", "modern", "minimal"] as const;
export type CertificateLayout = (typeof CERTIFICATE_LAYOUTS)[number];
export const LAYOUT_ORIENTATION: Record<CertificateLayout, "landscape" | "portrait"> = { classic: "landscape", modern: "landscape", minimal: "portrait" };

/** Paper sizes in PDF points, portrait (width, height). */
export const PAPER_POINTS: Record<(typeof PAPER_SIZES)[number], [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

/** The page of a certificate in PDF points (width, height): its paper, turned as its layout says. */
export function certificatePageSize(template: { paperSize: (typeof PAPER_SIZES)[number]; layout?: CertificateLayout }): [number, number] {
  const [short, long] = PAPER_POINTS[template.paperSize];
  return LAYOUT_ORIENTATION[template.layout ?? "classic"] === "landscape" ? [long, short] : [short, long];
}

/** A signature image is kept inside the certificate settings, so it stays small. */
export const MAX_SIGNATURE_BYTES = 200 * 1024;

/** What a signature image must be, uploaded through the form or sent to the API as a data URL. */
export const signatureRules = (field: string): IntakeRules => ({
  field,
  accept: ["png", "jpeg"],
  maxBytes: MAX_SIGNATURE_BYTES,
  codes: { type: "signature_image_type", invalid: "signature_image_invalid", tooLarge: { code: "signature_file_too_large", params: { maxKb: MAX_SIGNATURE_BYTES / 1024 } } },
});

/** A PNG or JPEG as a base64 data URL (base64 grows the bytes by a third), as stored. */
const storedSignatureSchema = z
  .string()
  .max(Math.ceil((MAX_SIGNATURE_BYTES * 4) / 3) + 64)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/);

/**
 * A signature sent as a data URL (the API), checked by its bytes like an upload: the declared
 * type is the real one, within the pixel budget, structure intact.
 */
export const signatureDataUrlSchema = storedSignatureSchema.superRefine((value, ctx) => {
  try {
    checkImageDataUrl(value, signatureRules("signature"));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // The reason code travels as the message (see fieldErrorsFromZod).
    ctx.addIssue({ code: "custom", message: error.fields?.signature?.code ?? "signature_image_invalid" });
  }
});

const signerFields = {
  name: safeText().trim().min(1).max(100),
  title: safeText().trim().max(100).optional(),
};

/** A signer as stored (read back without re-checking its image: renderers skip one over the budget). */
export const certificateSignerSchema = z.object({ ...signerFields, signature: storedSignatureSchema.optional() });

export const certificateTemplateSchema = z.object({
  paperSize: z.enum(PAPER_SIZES).default("A4"),
  layout: z.enum(CERTIFICATE_LAYOUTS).default("classic"),
  signers: z.array(certificateSignerSchema).max(3).default([]),
});

/** The certificate settings as sent by a client: each signature image checked by its bytes. */
export const certificateTemplateInputSchema = z.object({
  paperSize: z.enum(PAPER_SIZES).default("A4"),
  layout: z.enum(CERTIFICATE_LAYOUTS).default("classic"),
  signers: z.array(z.object({ ...signerFields, signature: signatureDataUrlSchema.optional() })).max(3).default([]),
});

export type CertificateTemplate = z.output<typeof certificateTemplateSchema>;
