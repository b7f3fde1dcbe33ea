import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { IssuerView } from "@/components/public/issuer-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { issuerJsonLd } from "@/lib/public/json-ld";
import { loadIssuerPage } from "@/lib/public/loaders";
import { issuerMetadata } from "@/lib/public/page-metadata";

// Signed-in viewers (signed-out people and crawlers get app/(cached)/…/o/[orgId]).
type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const issuer = await loadIssuerPage((await params).orgId);
  return issuer ? issuerMetadata(issuer, await getLocale()) : {};
}

export default async function IssuerPage({ params }: Props) {
  const issuer = await loadIssuerPage((await params).orgId);
  if (!issuer) notFound();
  return (
    <PublicShell accent={issuer.primaryColor} personal>
      <JsonLd data={issuerJsonLd(issuer)} />
      <IssuerView issuer={issuer} />
    </PublicShell>
  );
}
