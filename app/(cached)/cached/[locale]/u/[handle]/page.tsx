import type { Metadata } from "next";
import { cachedProfileMetadata, renderCachedProfilePage } from "./profile-page";

// /u/{handle} for signed-out people, rendered once per locale and minute.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; handle: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, handle } = await params;
  return cachedProfileMetadata(locale, handle);
}

export default async function CachedProfilePage({ params }: Props) {
  const { locale, handle } = await params;
  return renderCachedProfilePage(locale, handle);
}
