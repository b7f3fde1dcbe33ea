import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { AchievementPageData, CredentialPageData, IssuerPageData } from "@/lib/issuing/public-views";
import { publicPageMetadataWithCard, publicPageUrl } from "./metadata";
import type { ProfilePageData } from "./profile";

// The metadata of each public page, shared by its cached and its per-request variant.

export async function credentialMetadata(credential: CredentialPageData, locale: string): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: "publicPages.credential" });
  const names = { achievement: credential.achievement.name, issuer: credential.organization.name };
  const metadata = await publicPageMetadataWithCard("credential", credential.id, {
    title: t("metaTitle", names),
    description: credential.recipientName ? t("metaDescription", { ...names, name: credential.recipientName }) : t("metaDescriptionAnonymous", names),
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
