import { db } from "@/lib/db";
import { bakePng, bakeSvg } from "@/lib/ob/bake";
import { defaultBadgeDesign, type BadgeDesign } from "./badge-design";
import { render, type BadgeSource } from "@/lib/render";

export type ImageFormat = "png" | "svg";
type Snapshot = { name: string; design: BadgeDesign | null; image?: { svg: string | null; png: string } };

/** An achievement version's badge as stored (an upload or a rendered design), else the design to draw it from. */
export type VersionImageSource = { svg: string | null; png: Uint8Array | null; design: BadgeDesign };

/**
 * What the badge of one achievement version is made of, without drawing anything. The current
 * version is what is stored; an older one its snapshot (an upload as it was, or a design). A
 * version that never had a stored image gets the default design it would have been given.
 */
export async function achievementVersionImageSource(achievementId: string, version: number): Promise<VersionImageSource | null> {
  const achievement = await db.achievement.findUnique({
    where: { id: achievementId },
    select: { version: true, name: true, design: true, imageSvg: true, imagePng: true, organization: { select: { primaryColor: true, secondaryColor: true } } },
  });
  if (!achievement || !Number.isInteger(version) || version < 1 || version > achievement.version) return null;
  let source: { svg: string | null; png: Uint8Array | null; design: BadgeDesign | null; name: string };
  if (version === achievement.version) {
    source = { svg: achievement.imageSvg, png: achievement.imagePng, design: achievement.design as BadgeDesign | null, name: achievement.name };
  } else {
    const row = await db.achievementVersion.findUnique({ where: { achievementId_version: { achievementId, version } } });
    if (!row) return null;
    const snapshot = row.snapshot as unknown as Snapshot;
    source = snapshot.image
      ? { svg: snapshot.image.svg, png: Buffer.from(snapshot.image.png, "base64"), design: null, name: snapshot.name }
      : { svg: null, png: null, design: snapshot.design, name: snapshot.name };
  }
  return { svg: source.svg, png: source.png, design: source.design ?? defaultBadgeDesign(source.name, achievement.organization) };
}

/** The stored badge of a version, or the design a render worker draws it from. */
export function badgeSourceOf(source: VersionImageSource | null): BadgeSource | null {
  if (!source) return null;
  return source.png ? { png: source.png } : { design: source.design };
}

/** The badge image of one achievement version, drawn (off the main thread) when nothing is stored. */
export async function achievementVersionImage(achievementId: string, version: number, format: ImageFormat): Promise<Uint8Array | string | null> {
  const source = await achievementVersionImageSource(achievementId, version);
  if (!source) return null;
  const image = source.png ? source : await render({ type: "badge", design: source.design });
  return format === "png" ? image.png : image.svg;
}

/**
 * A credential's badge with the credential baked in (OB 3.0 baking): the image of the
 * achievement version it was issued under, carrying its signed JSON-LD.
 */
export async function bakedCredentialBadge(credentialId: string, format: ImageFormat): Promise<Uint8Array | string | null> {
  const credential = await db.credential.findUnique({ where: { id: credentialId }, select: { achievementId: true, achievementVersion: true, document: true } });
  if (!credential) return null;
  const image = await achievementVersionImage(credential.achievementId, credential.achievementVersion, format);
  if (image === null) return null;
  const payload = JSON.stringify(credential.document);
  return typeof image === "string" ? bakeSvg(image, payload) : bakePng(image, payload);
}
