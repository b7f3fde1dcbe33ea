import "server-only";
import { z } from "zod";
import { safeText } from "@/lib/text";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { handleSchema } from "@/lib/auth/schemas";
import { fieldError } from "@/lib/errors";
import { logoToDataUrl } from "@/lib/orgs/logo";
import { revalidatePublicPages } from "@/lib/public/cache";

export const MAX_PHOTO_BYTES = 1024 * 1024;

const checkbox = z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean());
const emptyToNull = (value: unknown) => (value === undefined || (typeof value === "string" && value.trim() === "") ? null : value);

export const profileSettingsSchema = z.object({
  handle: z.preprocess(emptyToNull, handleSchema.nullable()),
  name: safeText().trim().min(1).max(100),
  headline: z.preprocess(emptyToNull, safeText().trim().max(120).nullable()),
  profilePublic: checkbox,
  // Off unless ticked: an unticked box sends nothing.
  profileShowProgress: checkbox.optional(),
  removePhoto: checkbox,
  photo: z.unknown().optional(),
});

export type ProfileSettingsInput = z.infer<typeof profileSettingsSchema>;

export type ProfileSettings = {
  handle: string | null;
  name: string;
  headline: string | null;
  photo: string | null;
  profilePublic: boolean;
  profileShowProgress: boolean;
};

export async function loadProfileSettings(userId: string): Promise<ProfileSettings | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { handle: true, name: true, headline: true, photo: true, profilePublic: true, profileShowProgress: true } });
  return user ? { ...user, name: user.name ?? "" } : null;
}

/** A newly chosen photo (checked by its bytes, up to 1 MB), or undefined when none was uploaded. */
async function uploadedPhoto(photo: unknown): Promise<string | undefined> {
  if (!(photo instanceof Blob) || photo.size === 0) return undefined;
  const file = photo instanceof File ? photo : new File([photo], "photo");
  return logoToDataUrl(file, { field: "photo", maxBytes: MAX_PHOTO_BYTES });
}

/** Saves the learner's public profile settings and clears the cached profile pages, old address and new. */
export async function updateProfileSettings(userId: string, input: ProfileSettingsInput): Promise<ProfileSettings> {
  const before = await db.user.findUnique({ where: { id: userId }, select: { handle: true } });
  if (!before) throw fieldError("handle", "invalid");
  const photo = await uploadedPhoto(input.photo);
  let saved;
  try {
    saved = await db.user.update({
      where: { id: userId },
      data: {
        handle: input.handle,
        name: input.name,
        headline: input.headline,
        profilePublic: input.profilePublic,
        profileShowProgress: input.profileShowProgress ?? false,
        ...(photo !== undefined ? { photo } : input.removePhoto ? { photo: null } : {}),
      },
      select: { handle: true, name: true, headline: true, photo: true, profilePublic: true, profileShowProgress: true },
    });
  } catch (error) {
    if (isUniqueViolation(error, "handle")) throw fieldError("handle", "handle_taken");
    throw error;
  }
  revalidatePublicPages.profile(before.handle);
  if (saved.handle !== before.handle) revalidatePublicPages.profile(saved.handle);
  return { ...saved, name: saved.name ?? "" };
}
