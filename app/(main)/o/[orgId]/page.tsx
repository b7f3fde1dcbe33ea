import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OrgAvatar } from "@/components/dashboard/org-avatar";
import { PublicShell } from "@/components/public/public-shell";
import { EmptyState } from "@/components/ui/empty-state";
import { issuerPageData } from "@/lib/issuing/public-views";

type Props = { params: Promise<{ orgId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const issuer = await issuerPageData((await params).orgId);
  return issuer ? { title: issuer.name, description: issuer.description ?? undefined } : {};
}

export default async function IssuerPage({ params }: Props) {
  const issuer = await issuerPageData((await params).orgId);
  if (!issuer) notFound();
  const t = await getTranslations("publicIssuer");
  return (
    <PublicShell>
      <header className="flex items-center gap-4">
        <OrgAvatar org={issuer} />
        <div>
          <h1 className="text-3xl font-bold text-stone-900">{issuer.name}</h1>
          {issuer.website && <a href={issuer.website} className="text-brand-700 underline">{issuer.website}</a>}
        </div>
      </header>
      {issuer.description && <p className="mt-4 text-stone-800">{issuer.description}</p>}
      <h2 className="mt-10 text-xl font-semibold text-stone-900">{t("achievements")}</h2>
      {issuer.achievements.length === 0 ? (
        <div className="mt-4"><EmptyState title={t("emptyTitle")} description={t("emptyBody")} /></div>
      ) : (
        <ul className="mt-4 grid gap-4 sm:grid-cols-2">
          {issuer.achievements.map((achievement) => (
            <li key={achievement.id} className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
              <Link href={`/b/${achievement.id}`} className="font-semibold text-brand-700 underline">{achievement.name}</Link>
              <p className="mt-1 line-clamp-3 text-sm text-stone-700">{achievement.description}</p>
            </li>
          ))}
        </ul>
      )}
    </PublicShell>
  );
}
