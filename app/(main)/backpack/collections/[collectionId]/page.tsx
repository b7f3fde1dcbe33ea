import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BadgeImage } from "@/components/backpack/badge-image";
import { StatusBadge, VisibilityBadge } from "@/components/backpack/status-badge";
import { SiteHeader } from "@/components/layout/site-header";
import { Card, CardHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { collectionDetail } from "@/lib/backpack/collections";
import { AddEntryToCollectionForm, CollectionItemControls, DeleteCollectionButton, EditCollectionForm } from "../../backpack-forms";

type Props = { params: Promise<{ collectionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser("/backpack/collections");
  const collection = await collectionDetail(user.id, (await params).collectionId);
  return { title: collection?.name ?? (await getTranslations("backpack.collections"))("title") };
}

export default async function CollectionPage({ params }: Props) {
  const { collectionId } = await params;
  const user = await requireUser(`/backpack/collections/${collectionId}`);
  const collection = await collectionDetail(user.id, collectionId);
  if (!collection) notFound();
  const [t, tCard] = await Promise.all([getTranslations("backpack.collections"), getTranslations("backpack.card")]);
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-4xl space-y-6 px-4 py-10">
        <Link href="/backpack/collections" className="text-sm font-semibold text-brand-700 underline">{t("back")}</Link>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold text-stone-900">{collection.name}</h1>
          <VisibilityBadge visibility={collection.visibility} />
        </div>
        {collection.description && <p className="text-stone-700">{collection.description}</p>}

        <Card>
          <CardHeader title={t("items")} />
          {collection.items.length === 0 ? (
            <p className="text-sm text-stone-700">{t("noItems")}</p>
          ) : (
            <ol className="divide-y divide-stone-100" data-testid="collection-items">
              {collection.items.map((item, index) => (
                <li key={item.id} data-testid="collection-item" className="flex flex-wrap items-center gap-3 py-3">
                  <BadgeImage src={item.imageSrc} alt={tCard("badgeAlt", { name: item.name })} size={40} />
                  <div className="min-w-0 flex-1">
                    <Link href={`/backpack/${item.id}`} className="font-semibold text-stone-900 hover:underline">{item.name}</Link>
                    <p className="text-sm text-stone-700">{item.issuer.name}</p>
                  </div>
                  <StatusBadge status={item.status} />
                  <CollectionItemControls collectionId={collection.id} entryId={item.id} name={item.name} first={index === 0} last={index === collection.items.length - 1} />
                </li>
              ))}
            </ol>
          )}
          <div className="mt-4 border-t border-stone-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold text-stone-900">{t("addHeading")}</h3>
            {collection.candidates.length > 0 ? (
              <AddEntryToCollectionForm collectionId={collection.id} candidates={collection.candidates} />
            ) : (
              <p className="text-sm text-stone-700">{t("nothingToAdd")}</p>
            )}
          </div>
        </Card>

        <Card>
          <CardHeader title={t("edit")} />
          <EditCollectionForm collection={collection} />
          <div className="mt-6 border-t border-stone-100 pt-4">
            <DeleteCollectionButton collectionId={collection.id} />
          </div>
        </Card>
      </main>
    </>
  );
}
