import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { CredentialView } from "@/components/public/credential-view";
import { JsonLd } from "@/components/public/json-ld";
import { PublicShell } from "@/components/public/public-shell";
import { verifyForPage } from "@/lib/public/credential-page";
import { credentialJsonLd } from "@/lib/public/json-ld";
import { loadCredentialForViewer } from "@/lib/public/loaders";
import { credentialMetadata } from "@/lib/public/page-metadata";
import { recordCredentialPageRender } from "@/lib/public/visits";

// Signed-in viewers (signed-out people and crawlers get app/(cached)/…/c/[id]).
type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const page = await loadCredentialForViewer((await params).id);
  return page ? credentialMetadata(page.credential, await getLocale()) : {};
}

export default async function CredentialPage({ params }: Props) {
  const page = await loadCredentialForViewer((await params).id);
  if (!page) notFound();
  const { credential, viewer, signedIn } = page;
  const verification = await verifyForPage(credential);
  recordCredentialPageRender({ credentialId: credential.id, organizationId: credential.organization.id, viewer, signedIn, headers: await headers() });
  return (
    <PublicShell accent={credential.organization.primaryColor} personal>
      <JsonLd data={credentialJsonLd(credential)} />
      <CredentialView credential={credential} verification={verification} viewer={viewer} />
    </PublicShell>
  );
}
