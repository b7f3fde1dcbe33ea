import { getTranslations } from "next-intl/server";

/**
 * Names an Open Badges achievement type in the reader's language ("Badge" → "Insignia"); a type
 * Laurel has no words for (an extension from another issuer) is shown as written.
 */
export async function achievementTypeLabeller(): Promise<(type: string) => string> {
  const t = await getTranslations("achievements.types");
  return (type) => (t.has(type) ? t(type) : type);
}
