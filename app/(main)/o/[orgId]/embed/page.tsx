import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { EmbedFrameStyle } from "@/components/sharing/embed-frame-style";
import { EmbedResize } from "@/components/sharing/embed-resize";
import { issuerWallData } from "@/lib/sharing/embed-data";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const wall = await issuerWallData((await params).orgId);
  if (!wall) return {};
  return { title: (await getTranslations("sharing.embed"))("wallTitle", { issuer: wall.organization.name }), robots: { index: false } };
}

/** An issuer's wall of recent badges, for its own website. */
export default async function IssuerEmbedPage({ params }: Props) {
  const wall = await issuerWallData((await params).orgId);
  if (!wall) notFound();
  const [t, format] = await Promise.all([getTranslations("sharing.embed"), getFormatter()]);
  const { organization, credentials } = wall;
  return (
    <main id="laurel-embed" className="bg-transparent p-2">
      <section className="rounded-xl border border-stone-200 border-t-4 bg-white p-4 shadow-sm" style={{ borderTopColor: organization.primaryColor }}>
        <div className="flex items-center gap-3">
          <OrgAvatar org={organization} />
          <h1 className="text-lg font-bold text-stone-900">{t("wallTitle", { issuer: organization.name })}</h1>
        </div>
        {credentials.length === 0 ? (
          <p className="mt-4 text-sm text-stone-700">{t("wallEmpty")}</p>
        ) : (
          <ul className="mt-4 grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-3">
            {credentials.map((credential) => (
              <li key={credential.id}>
                <a
                  href={`/c/${credential.id}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={
                    credential.recipientName
                      ? t("wallItemLabel", { achievement: credential.achievementName, name: credential.recipientName })
                      : t("wallItemLabelNoName", { achievement: credential.achievementName })
                  }
                  className="flex h-full flex-col items-center rounded-lg border border-stone-200 p-3 text-center hover:border-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700"
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- versioned badge image */}
                  <img src={credential.imageSrc} alt="" width={64} height={64} className="h-16 w-16" loading="lazy" />
                  <span className="mt-2 text-sm font-semibold break-words text-stone-900">{credential.achievementName}</span>
                  {credential.recipientName && <span className="mt-1 text-xs break-words text-stone-700">{credential.recipientName}</span>}
                  <span className="mt-1 text-xs text-stone-700">{format.dateTime(credential.validFrom, { dateStyle: "medium" })}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <a href={`/o/${organization.id}`} target="_blank" rel="noopener" className="mt-4 inline-block text-sm font-semibold text-brand-700 underline">
          {t("wallMore", { issuer: organization.name })}
        </a>
      </section>
      <EmbedResize targetId="laurel-embed" />
      <EmbedFrameStyle />
    </main>
  );
}
