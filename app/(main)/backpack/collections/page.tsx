import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { VisibilityBadge } from "@/components/backpack/status-badge";
import { SiteHeader } from "@/components/layout/site-header";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { listCollections } from "@/lib/backpack/collections";
import { CollectionOrderControls, CreateCollectionForm } from "../backpack-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backpack.collections"))("title") };
}

export default async function CollectionsPage() {
  const user = await requireUser("/backpack/collections");
  const [t, tList, collections] = await Promise.all([getTranslations("backpack.collections"), getTranslations("backpack.list"), listCollections(user.id)]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-10">
        <Link href="/backpack" className="text-sm font-semibold text-brand-700 underline">{tList("backToBackpack")}</Link>
        <div>
          <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
          <p className="mt-1 text-stone-700">{t("subtitle")}</p>
        </div>
        {collections.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <ol className="space-y-2" data-testid="collection-list">
            {collections.map((collection, index) => (
              <li key={collection.id} data-testid="collection-row" className="flex flex-wrap items-center gap-3 rounded-xl border border-stone-200 bg-white px-4 py-3 shadow-sm">
                <div className="min-w-0 flex-1">
                  <Link href={`/backpack/collections/${collection.id}`} className="font-semibold text-stone-900 hover:underline">{collection.name}</Link>
                  {collection.description && <p className="truncate text-sm text-stone-700">{collection.description}</p>}
                </div>
                <span className="text-sm text-stone-700">{t("count", { count: collection.itemCount })}</span>
                <VisibilityBadge visibility={collection.visibility} />
                <CollectionOrderControls collectionId={collection.id} name={collection.name} first={index === 0} last={index === collections.length - 1} />
              </li>
            ))}
          </ol>
        )}
        <Card>
          <CardHeader title={t("createHeading")} />
          <CreateCollectionForm />
        </Card>
      </main>
    </>
  );
}
