import { checkUpload, toDataUrl, type IntakeRules } from "@/lib/images/intake";

export const MAX_LOGO_BYTES = 512 * 1024;

/** What a logo (or a learner's photo, under its own field and limit) must be. */
export const pictureRules = (field: string, maxBytes: number): IntakeRules => ({
  field,
  accept: ["png", "jpeg", "webp", "svg"],
  maxBytes,
  codes: { type: "image_type", invalid: "image_invalid" },
});

/**
 * Checks an uploaded logo through the image intake (its bytes, not its name: the type, the
 * pixel budget, the PNG structure, the SVG policy) and returns it as a data URL. Other uploaded
 * pictures (a learner's photo) pass the same checks under their own field and limit.
 */
export async function logoToDataUrl(file: File, { field = "logo", maxBytes = MAX_LOGO_BYTES }: { field?: string; maxBytes?: number } = {}): Promise<string> {
  return toDataUrl(await checkUpload(file, pictureRules(field, maxBytes)));
}
