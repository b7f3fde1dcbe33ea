import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { credentialPageData } from "@/lib/issuing/public-views";

export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; id: string }> };

export default async function CachedCredentialPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const credential = await credentialPageData(id);
  if (!credential) notFound();
  return <main><h1>{credential.achievement.name}</h1><p>rendered {new Date().toISOString()}</p></main>;
}
