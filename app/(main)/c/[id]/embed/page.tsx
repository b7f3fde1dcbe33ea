import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmbedCard } from "@/components/sharing/embed-card";
import { EmbedFrameStyle } from "@/components/sharing/embed-frame-style";
import { EmbedResize } from "@/components/sharing/embed-resize";
import { recordCredentialEventLater, visitorFrom } from "@/lib/analytics/events";
import { credentialEmbedData } from "@/lib/sharing/embed-data";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const credential = await credentialEmbedData((await params).id);
  if (!credential) return {};
  const t = await getTranslations("sharing.embed");
  return { title: t("frameTitle", { achievement: credential.achievementName, issuer: credential.issuerName }), robots: { index: false } };
}

/** The credential card that personal sites frame (the iframe snippet and embed.js). */
export default async function CredentialEmbedPage({ params }: Props) {
  const credential = await credentialEmbedData((await params).id);
  if (!credential) notFound();
  const { crawler, visitor, referrer, ip } = visitorFrom(await headers());
  recordCredentialEventLater({
    credentialId: credential.id,
    organizationId: credential.organizationId,
    type: crawler ? "previewed" : "viewed",
    channel: "embed",
    ip,
    data: { visitor, referrer },
  });
  return (
    // A plain iframe's fixed height is filled by the card (no blank band under it); a frame sized
    // by embed.js takes the card's natural height instead (data-fit, set by EmbedResize).
    <main id="laurel-embed" className="mx-auto flex min-h-screen max-w-md flex-col bg-transparent p-2 data-[fit=content]:min-h-0">
      <EmbedCard {...credential} />
      <EmbedResize targetId="laurel-embed" />
      <EmbedFrameStyle />
    </main>
  );
}
