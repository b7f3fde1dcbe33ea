const SERVED_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"]);

/** An image stored as a data URL (a logo, a photo), decoded; null for anything but an image type Laurel serves. */
export function decodeImageDataUrl(dataUrl: string | null | undefined): { bytes: Uint8Array; type: string } | null {
  const match = dataUrl?.match(/^data:([a-z/+.-]+)(;base64)?,(.*)$/is);
  if (!match) return null;
  const type = match[1].toLowerCase();
  if (!SERVED_TYPES.has(type)) return null;
  try {
    const bytes = match[2] ? Buffer.from(match[3], "base64") : Buffer.from(decodeURIComponent(match[3]), "utf8");
    return { bytes: new Uint8Array(bytes), type };
  } catch {
    return null;
  }
}
