import { db } from "@/lib/db";
import { publicUrls } from "@/lib/issuing/urls";

/** An http(s) URL, or null: a stored link is checked again before Laurel sends anyone to it. */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Where "Earn this badge" on a credential leads: the achievement's how-to-earn link when it has
 * a safe one, else the achievement's own page on Laurel.
 */
export async function earnTarget(credentialId: string) {
  const credential = await db.credential.findUnique({
    where: { id: credentialId },
    select: {
      organizationId: true,
      backpackEntry: { select: { visibility: true } },
      achievement: { select: { id: true, howToEarnUrl: true } },
    },
  });
  if (!credential) return null;
  return {
    organizationId: credential.organizationId,
    isPrivate: credential.backpackEntry?.visibility === "private",
    destination: safeHttpUrl(credential.achievement.howToEarnUrl) ?? publicUrls.achievement(credential.achievement.id),
  };
}
