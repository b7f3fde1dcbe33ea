import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { formatStoredDate } from "@/lib/dates";
import type { AchievementPageData, CredentialPageData, IssuerPageData } from "@/lib/issuing/public-views";
import { publicPageMetadataWithCard, publicPageUrl } from "./metadata";
import type { ProfilePageData } from "./profile";

// The metadata of each public page, shared by its cached and its per-request variant.

/**
 * The title and description a link preview shows. Only a valid credential says "verified": a
 * revoked, expired or not yet valid one says so, with its date.
 */
export async function credentialPreviewText(
  credential: Pick<CredentialPageData, "achievement" | "organization" | "recipientName" | "state" | "revokedAt" | "validFrom" | "validUntil">,
  locale: string,
): Promise<{ title: string; description: string }> {
  const t = await getTranslations({ locale, namespace: "publicPages.credential" });
  const names = { achievement: credential.achievement.name, issuer: credential.organization.name };
  const stateDate = { revoked: credential.revokedAt, expired: credential.validUntil, not_yet_valid: credential.validFrom, valid: null }[credential.state];
  if (credential.state === "valid" || !stateDate) {
    return {
      title: t("metaTitle", names),
      description: credential.recipientName ? t("metaDescription", { ...names, name: credential.recipientName }) : t("metaDescriptionAnonymous", names),
    };
  }
  const date = formatStoredDate(stateDate, (readable) => new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(readable));
  const values = { ...names, date, name: credential.recipientName ?? "", hasName: credential.recipientName ? "yes" : "no" };
  const key = ({ revoked: "Revoked", expired: "Expired", not_yet_valid: "NotYetValid" } as const)[credential.state];
  return { title: t(`metaTitle${key}`, values), description: t(`metaDescription${key}`, values) };
}

export async function credentialMetadata(credential: CredentialPageData, locale: string): Promise<Metadata> {
  const { title, description } = await credentialPreviewText(credential, locale);
  const metadata = await publicPageMetadataWithCard("credential", credential.id, {
    title,
    description,
    url: publicPageUrl.credential(credential.id),
    type: "article",
    locale,
  });
  // A private credential's page is for its learner and issuer: never indexed.
  return credential.visibility === "private" ? { ...metadata, robots: { index: false, follow: false } } : metadata;
}

export async function achievementMetadata(achievement: AchievementPageData, locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "publicPages.achievement" });
  return publicPageMetadataWithCard("achievement", achievement.id, {
    title: achievement.name,
    description: achievement.description || t("metaDescription", { achievement: achievement.name, issuer: achievement.organization.name }),
    url: publicPageUrl.achievement(achievement.id),
    locale,
  });
}

export async function issuerMetadata(issuer: IssuerPageData, locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "publicPages.issuer" });
  return publicPageMetadataWithCard("issuer", issuer.id, {
    title: issuer.name,
    description: issuer.description || t("metaDescription", { issuer: issuer.name }),
    url: publicPageUrl.issuer(issuer.id),
    locale,
  });
}

export async function profileMetadata(profile: ProfilePageData, locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "publicPages.profile" });
  const name = profile.name ?? profile.handle;
  return publicPageMetadataWithCard("profile", profile.handle, {
    title: t("metaTitle", { name }),
    description: profile.headline || t("metaDescription", { name, count: profile.entries.length }),
    url: publicPageUrl.profile(profile.handle),
    type: "profile",
    locale,
  });
}
