import { db } from "@/lib/db";
import { bakePng, bakeSvg } from "@/lib/ob/bake";
import { defaultBadgeDesign, type BadgeDesign } from "./badge-design";
import { renderBadge } from "./render-badge";

export type ImageFormat = "png" | "svg";
type Snapshot = { name: string; design: BadgeDesign | null; image?: { svg: string | null; png: string } };

/**
 * The badge image of one achievement version. The current version is served from what is
 * stored; an older one from its snapshot (an upload as it was, a design re-rendered). A
 * version that never had a stored image gets the default design it would have been given.
 */
export async function achievementVersionImage(achievementId: string, version: number, format: ImageFormat): Promise<Uint8Array | string | null> {
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
  if (!source.png) {
    const rendered = await renderBadge(source.design ?? defaultBadgeDesign(source.name, achievement.organization));
    source = { ...source, ...rendered };
  }
  return format === "png" ? source.png : source.svg;
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
