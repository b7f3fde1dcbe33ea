import "server-only";
import { strToU8, zipSync, type Zippable } from "fflate";
import { db } from "@/lib/db";
import { bakedCredentialBadge } from "@/lib/design/achievement-image";
import { log } from "@/lib/log";

const README = `Your data from Laurel
=====================

profile.json        Your name, public handle, headline, profile settings and email addresses
                    (with whether and when each was verified).
entries.json        Every badge in your backpack: name, issuer, state, visibility, dates, and
                    which files below belong to it.
credentials/        Each badge as issued. Badges issued through Laurel: the signed Open Badges 3.0
                    credential (JSON-LD with its Data Integrity proof, {entry}.json) and the same
                    credential as a VC-JWT ({entry}.jwt). Badges you imported: exactly what you
                    imported (JSON, or a JWT in {entry}.jwt).
images/             Badge images. Badges issued through Laurel come baked: the credential is
                    inside the PNG, so any Open Badges verifier can check the image on its own.
collections.json    Your collections and the entries in each, in order.
connected-apps.json Wallets and badge platforms you allowed to use your backpack (Open Badges API):
                    each app's name and address, what it may do, and when you connected it and it
                    last used your backpack. Their tokens are not included.

Credentials keep verifying after you download them: their proofs do not depend on your account.
`;

const IMAGE_TYPES: Record<string, string> = { "image/png": "png", "image/svg+xml": "svg", "image/jpeg": "jpg", "image/webp": "webp", "image/gif": "gif" };

function dataUrlImage(dataUrl: string | null): { ext: string; bytes: Uint8Array } | null {
  const match = dataUrl?.match(/^data:([\w/+.-]+)(?:;charset=[\w-]+)?;base64,(.*)$/);
  if (!match || !IMAGE_TYPES[match[1]]) return null;
  return { ext: IMAGE_TYPES[match[1]], bytes: new Uint8Array(Buffer.from(match[2], "base64")) };
}

const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + "\n");
const isJwt = (text: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text.trim());

/** A zip of everything Laurel keeps about this person (null when there is no such account). */
export async function exportAccount(userId: string): Promise<Uint8Array | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      handle: true,
      headline: true,
      photo: true,
      profilePublic: true,
      profileShowProgress: true,
      locale: true,
      createdAt: true,
      emails: { orderBy: { createdAt: "asc" }, select: { email: true, verifiedAt: true } },
    },
  });
  if (!user) return null;
  const [entries, collections] = await Promise.all([
    db.backpackEntry.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: {
        credential: {
          select: {
            id: true,
            document: true,
            jwt: true,
            validFrom: true,
            validUntil: true,
            revokedAt: true,
            recipientEmail: true,
            achievement: { select: { name: true } },
            organization: { select: { name: true } },
          },
        },
      },
    }),
    db.collection.findMany({
      where: { userId },
      orderBy: { position: "asc" },
      include: { items: { orderBy: { position: "asc" }, select: { entryId: true, position: true } } },
    }),
  ]);

  const files: Zippable = { "README.txt": strToU8(README) };
  files["profile.json"] = json({
    name: user.name,
    handle: user.handle,
    headline: user.headline,
    profilePublic: user.profilePublic,
    profileShowProgress: user.profileShowProgress,
    locale: user.locale,
    photo: user.photo ? "images/profile-photo" : null,
    createdAt: user.createdAt,
    primaryEmail: user.email,
    emails: user.emails.map((address) => ({ email: address.email, verified: address.verifiedAt !== null, verifiedAt: address.verifiedAt })),
  });
  const photo = dataUrlImage(user.photo);
  if (photo) files[`images/profile-photo.${photo.ext}`] = photo.bytes;

  const index = [];
  for (const entry of entries) {
    const written: string[] = [];
    const put = (path: string, data: Uint8Array) => {
      files[path] = data;
      written.push(path);
    };
    const credential = entry.credential;
    if (credential) {
      put(`credentials/${entry.id}.json`, json(credential.document));
      if (credential.jwt) put(`credentials/${entry.id}.jwt`, strToU8(credential.jwt + "\n"));
      try {
        const baked = await bakedCredentialBadge(credential.id, "png");
        if (baked) put(`images/${entry.id}.png`, typeof baked === "string" ? strToU8(baked) : baked);
      } catch (error) {
        // One badge whose image cannot be drawn must not cost the learner the whole export.
        log.warn({ err: error, entryId: entry.id }, "export: badge image unavailable");
      }
    } else if (entry.importPayload) {
      if (isJwt(entry.importPayload)) put(`credentials/${entry.id}.jwt`, strToU8(entry.importPayload.trim() + "\n"));
      else put(`credentials/${entry.id}.json`, strToU8(entry.importPayload));
      const image = dataUrlImage(entry.image);
      if (image) put(`images/${entry.id}.${image.ext}`, image.bytes);
    }
    index.push({
      id: entry.id,
      source: credential ? "laurel" : "imported",
      name: credential ? credential.achievement.name : entry.name,
      issuer: credential ? credential.organization.name : entry.issuerName,
      credentialUrl: credential ? (credential.document as { id?: string }).id ?? null : null,
      state: entry.state,
      visibility: entry.visibility,
      pinPosition: entry.pinPosition,
      verified: entry.verified,
      importFormat: entry.importFormat,
      importUrl: entry.importUrl,
      imageUrl: !credential && entry.image && !entry.image.startsWith("data:") ? entry.image : null,
      issuedOn: credential ? credential.validFrom : entry.issuedOn,
      expiresAt: credential ? credential.validUntil : entry.expiresAt,
      revokedAt: credential?.revokedAt ?? null,
      acceptedAt: entry.acceptedAt,
      files: written,
    });
  }
  files["entries.json"] = json(index);
  const apps = await db.oAuthGrant.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { scopes: true, createdAt: true, lastUsedAt: true, client: { select: { name: true, clientUri: true } } },
  });
  files["connected-apps.json"] = json(
    apps.map((app) => ({ name: app.client.name, clientUri: app.client.clientUri, scopes: app.scopes, connectedAt: app.createdAt, lastUsedAt: app.lastUsedAt })),
  );
  files["collections.json"] = json(
    collections.map((collection) => ({
      id: collection.id,
      name: collection.name,
      description: collection.description,
      visibility: collection.visibility,
      position: collection.position,
      entries: collection.items.map((item) => item.entryId),
    })),
  );
  return zipSync(files, { level: 6 });
}
