import type { AchievementPageData, CredentialPageData, IssuerPageData } from "@/lib/issuing/public-views";
import { isoOrNull } from "@/lib/dates";
import { absoluteUrl, publicPageUrl } from "./metadata";
import type { ProfilePageData } from "./profile";

// schema.org descriptions of the public pages, for search engines and other readers.
// Data URLs (logos, photos) are left out: they would bloat every page and mean nothing to a reader.
type Thing = Record<string, unknown>;

const CONTEXT = "https://schema.org";
const linkable = (src: string | null | undefined) => (src && !src.startsWith("data:") ? absoluteUrl(src) : undefined);
const clean = (thing: Thing): Thing =>
  Object.fromEntries(Object.entries(thing).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)));

function organization(org: { id: string; name: string; website: string | null; description?: string | null; logo?: string | null }): Thing {
  return clean({
    "@type": "Organization",
    "@id": publicPageUrl.issuer(org.id),
    name: org.name,
    url: publicPageUrl.issuer(org.id),
    sameAs: org.website ? [org.website] : undefined,
    logo: linkable(org.logo),
  });
}

function alignment(a: { targetName: string; targetUrl: string | null; targetFramework: string | null; targetCode: string | null }): Thing {
  return clean({
    "@type": "AlignmentObject",
    alignmentType: "teaches",
    targetName: a.targetName,
    targetUrl: a.targetUrl ?? undefined,
    educationalFramework: a.targetFramework ?? undefined,
    targetDescription: a.targetCode ?? undefined,
  });
}

export function credentialJsonLd(credential: CredentialPageData): Thing {
  const { achievement } = credential;
  return clean({
    "@context": CONTEXT,
    "@type": "EducationalOccupationalCredential",
    "@id": publicPageUrl.credential(credential.id),
    url: publicPageUrl.credential(credential.id),
    name: achievement.name,
    description: achievement.description,
    image: linkable(credential.imageSrc),
    credentialCategory: achievement.achievementType,
    recognizedBy: organization(credential.organization),
    dateCreated: isoOrNull(credential.validFrom) ?? undefined,
    expires: isoOrNull(credential.validUntil) ?? undefined,
    competencyRequired: achievement.criteriaNarrative ?? achievement.criteriaUrl ?? undefined,
    keywords: achievement.tags.length ? achievement.tags.join(", ") : undefined,
    educationalAlignment: achievement.alignments.map(alignment),
    about: clean({ "@type": "DefinedTerm", "@id": publicPageUrl.achievement(achievement.id), name: achievement.name }),
  });
}

export function achievementJsonLd(achievement: AchievementPageData): Thing {
  return clean({
    "@context": CONTEXT,
    "@type": "EducationalOccupationalCredential",
    "@id": publicPageUrl.achievement(achievement.id),
    url: publicPageUrl.achievement(achievement.id),
    name: achievement.name,
    description: achievement.description,
    image: linkable(achievement.imageSrc),
    credentialCategory: achievement.achievementType,
    recognizedBy: organization(achievement.organization),
    competencyRequired: achievement.criteriaNarrative ?? achievement.criteriaUrl ?? undefined,
    keywords: achievement.tags.length ? achievement.tags.join(", ") : undefined,
    educationalAlignment: achievement.alignments.map(alignment),
  });
}

export function issuerJsonLd(issuer: IssuerPageData): Thing {
  return clean({
    "@context": CONTEXT,
    ...organization(issuer),
    description: issuer.description ?? undefined,
    hasCredential: issuer.achievements.slice(0, 100).map((a) =>
      clean({ "@type": "EducationalOccupationalCredential", "@id": publicPageUrl.achievement(a.id), name: a.name, url: publicPageUrl.achievement(a.id) }),
    ),
  });
}

export function profileJsonLd(profile: ProfilePageData): Thing {
  const url = publicPageUrl.profile(profile.handle);
  return clean({
    "@context": CONTEXT,
    "@type": "ProfilePage",
    "@id": url,
    url,
    dateModified: profile.updatedAt.toISOString(),
    mainEntity: clean({
      "@type": "Person",
      "@id": `${url}#person`,
      name: profile.name ?? profile.handle,
      alternateName: profile.handle,
      description: profile.headline ?? undefined,
      url,
      knowsAbout: profile.skills.slice(0, 50).map((skill) => skill.name),
      hasCredential: profile.entries.slice(0, 100).map((entry) =>
        clean({
          "@type": "EducationalOccupationalCredential",
          name: entry.name,
          url: entry.credentialId ? publicPageUrl.credential(entry.credentialId) : undefined,
          // An import that failed verification only claims its issuer: it is not recognised by them.
          recognizedBy: entry.verified && entry.issuer.name ? clean({ "@type": "Organization", name: entry.issuer.name, url: entry.issuer.url ? absoluteUrl(entry.issuer.url) : undefined }) : undefined,
          dateCreated: isoOrNull(entry.issuedOn) ?? undefined,
        }),
      ),
    }),
  });
}
