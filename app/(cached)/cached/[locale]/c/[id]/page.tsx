import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { CredentialView } from "@/components/public/credential-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { ViewBeacon } from "@/components/public/view-beacon";
import { isLocale } from "@/lib/i18n/config";
import { verifyForPage } from "@/lib/public/credential-page";
import { credentialJsonLd } from "@/lib/public/json-ld";
import { loadPublicCredential } from "@/lib/public/loaders";
import { credentialMetadata } from "@/lib/public/page-metadata";

// /c/{id} for signed-out people, rendered once per locale and minute (no cookies, headers or
// session here). A private credential does not exist for them.
export const revalidate = 60;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const credential = isLocale(locale) ? await loadPublicCredential(id) : null;
  return credential ? credentialMetadata(credential, locale) : {};
}

export default async function CachedCredentialPage({ params }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  const credential = await loadPublicCredential(id);
  if (!credential) notFound();
  const verification = await verifyForPage(credential);
  return (
    <PublicShell accent={credential.organization.primaryColor}>
      <JsonLd data={credentialJsonLd(credential)} />
      <CredentialView credential={credential} verification={verification} viewer="visitor" />
      <ViewBeacon credentialId={credential.id} />
    </PublicShell>
  );
}
