import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { publicPath } from "@/lib/http/url-contract";
import { AppError } from "@/lib/errors";
import { revalidatePublicPages } from "@/lib/public/cache";
import { safeText } from "@/lib/text";

/**
 * getProfile and putProfile of the Open Badges 3.0 API: the learner as an OB 3.0 Profile. The
 * name and the headline (the Profile's `description`) can be changed this way; the email address
 * cannot (a new address is proven by a link, on /account), and a Profile sent back with the
 * fields it was given (id, type, email, url) is accepted with those left as they are.
 */

export type WalletProfile = { "@context"?: string[]; id: string; type: ["Profile"]; name: string; email: string; url?: string; description?: string; image?: { id: string; type: "Image" } };

/** A stable URI for a learner without a public handle, that reveals nothing of their account id. */
function learnerUrn(userId: string): string {
  const hex = createHash("sha256").update(`laurel-learner:${userId}`).digest("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function walletProfile(userId: string): Promise<WalletProfile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, handle: true, headline: true, profilePublic: true } });
  if (!user) throw new AppError("not_found", "Profile not found");
  const publicPage = user.handle && user.profilePublic ? `${env().BASE_URL}${publicPath("profile", { handle: user.handle })}` : null;
  return {
    id: publicPage ?? learnerUrn(userId),
    type: ["Profile"],
    name: user.name ?? "",
    email: user.email,
    ...(publicPage ? { url: publicPage } : {}),
    ...(user.headline ? { description: user.headline } : {}),
  };
}

export const walletProfileUpdateSchema = z
  .object({
    name: safeText().trim().min(1).max(100),
    description: safeText().trim().max(120).nullable().optional(),
    type: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .refine((profile) => profile.type === undefined || [profile.type].flat().includes("Profile"), { path: ["type"], message: "must include Profile" });

export async function updateWalletProfile(userId: string, body: unknown): Promise<WalletProfile> {
  const input = walletProfileUpdateSchema.parse(body);
  const user = await db.user.update({
    where: { id: userId },
    data: { name: input.name, ...(input.description !== undefined ? { headline: input.description || null } : {}) },
    select: { handle: true },
  });
  revalidatePublicPages.profile(user.handle);
  return walletProfile(userId);
}
