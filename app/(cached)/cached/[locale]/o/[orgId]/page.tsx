import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { IssuerView } from "@/components/public/issuer-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { isLocale } from "@/lib/i18n/config";
import { issuerJsonLd } from "@/lib/public/json-ld";
import { loadIssuerPage } from "@/lib/public/loaders";
import { issuerMetadata } from "@/lib/public/page-metadata";

// /o/{orgId} for signed-out people, rendered once per locale and minute (no cookies, headers or session).
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, orgId } = await params;
  const issuer = isLocale(locale) ? await loadIssuerPage(orgId) : null;
  return issuer ? issuerMetadata(issuer, locale) : {};
}

export default async function CachedIssuerPage({ params }: Props) {
  const { locale, orgId } = await params;
  setRequestLocale(locale);
  const issuer = await loadIssuerPage(orgId);
  if (!issuer) notFound();
  return (
    <PublicShell accent={issuer.primaryColor}>
      <JsonLd data={issuerJsonLd(issuer)} />
      <IssuerView issuer={issuer} />
    </PublicShell>
  );
}
