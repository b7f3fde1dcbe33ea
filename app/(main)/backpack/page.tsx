import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { BackpackCard, BackpackRow } from "@/components/backpack/backpack-card";
import { BackpackToolbar, backpackHref } from "@/components/backpack/backpack-toolbar";
import { BadgeImage } from "@/components/backpack/badge-image";
import { ProgressSection } from "@/components/backpack/progress-section";
import { SiteHeader } from "@/components/layout/site-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { TableHead } from "@/components/ui/table-head";
import { requireUser } from "@/lib/auth/session";
import { listBackpack, type BackpackItem } from "@/lib/backpack/backpack-items";
import { MAX_PINS } from "@/lib/backpack/pins";
import { parseBackpackQuery } from "@/lib/backpack/schemas";
import { syncBackpackEntries } from "@/lib/backpack/sync-entries";
import { progressForUser } from "@/lib/programs/my-progress";
import { AnswerButtons, PinOrderControls, RestoreButton } from "./backpack-forms";
import { PinnedPrivateNotice } from "./pinned-private";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("backpack"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function ItemActions({ item }: { item: BackpackItem }) {
  if (!item.credentialId) return null;
  if (item.state === "pending") return <AnswerButtons credentialId={item.credentialId} name={item.name} />;
  if (item.state === "declined") return <RestoreButton credentialId={item.credentialId} name={item.name} />;
  return null;
}

export default async function BackpackPage({ searchParams }: Props) {
  const user = await requireUser("/backpack");
  const query = parseBackpackQuery(await searchParams);
  // Whatever was issued to any verified address since the last visit joins the backpack.
  await syncBackpackEntries(user.id);
  const locale = await getLocale();
  const [t, tCard, listing, progress] = await Promise.all([
    getTranslations("backpack"),
    getTranslations("backpack.card"),
    listBackpack(user.id, query),
    progressForUser(user.id, { locale }),
  ]);
  const declinedView = query.show === "declined";
  const filtered = Boolean(query.issuer || query.skill || query.status || query.from || query.to);

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:py-10">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold text-stone-900">{declinedView ? t("list.declinedHeading") : t("title")}</h1>
            <p className="mt-1 text-stone-700">
              {declinedView ? t("list.declinedBody") : t("subtitle", { name: user.name ?? user.email })}
            </p>
          </div>
          <nav aria-label={t("title")} className="flex flex-wrap gap-2">
            {declinedView ? (
              <Link href={backpackHref({ view: query.view }, {})} className={buttonClasses("secondary")}>{t("list.backToBackpack")}</Link>
            ) : (
              <>
                <Link href="/backpack/collections" className={buttonClasses("secondary")}>{t("list.collectionsLink")}</Link>
                <Link href="/backpack/import" className={buttonClasses("secondary")}>{t("list.importLink")}</Link>
                {listing.declinedCount > 0 && (
                  <Link href={backpackHref({ view: query.view }, { show: "declined" })} className={buttonClasses("ghost")}>
                    {t("list.declinedLink", { count: listing.declinedCount })}
                  </Link>
                )}
              </>
            )}
          </nav>
        </div>

        {!declinedView && <ProgressSection programs={progress} owner />}

        {!declinedView && listing.activeCount === 0 ? (
          <div className="mt-8">
            <EmptyState title={t("list.emptyTitle")} description={t("list.emptyBody")}>
              <Link href="/backpack/import" className={buttonClasses("primary")}>{t("list.importLink")}</Link>
              <Link href="/account" className={buttonClasses("secondary")}>{t("list.emptyAccount")}</Link>
            </EmptyState>
          </div>
        ) : (
          <>
            {listing.pinned.length > 0 && (
              <section aria-labelledby="pinned-heading" className="mt-8">
                <h2 id="pinned-heading" className="text-lg font-semibold text-stone-900">{t("list.pinnedHeading")}</h2>
                <p className="text-sm text-stone-700">{t("list.pinnedHint", { max: MAX_PINS })}</p>
                <ol className="mt-3 grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="pinned-list">
                  {listing.pinned.map((item, index) => (
                    <li key={item.id} className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-stone-200 bg-white px-3 py-2">
                      <span className="w-5 text-sm font-semibold text-stone-700">{index + 1}.</span>
                      <BadgeImage src={item.imageSrc} alt={tCard("badgeAlt", { name: item.name })} size={36} />
                      <Link href={`/backpack/${item.id}`} className="min-w-0 flex-1 truncate text-sm font-semibold text-stone-900 hover:underline">
                        {item.name}
                      </Link>
                      <PinOrderControls entryId={item.id} name={item.name} first={index === 0} last={index === listing.pinned.length - 1} />
                      {item.visibility === "private" && <PinnedPrivateNotice entryId={item.id} name={item.name} />}
                    </li>
                  ))}
                </ol>
              </section>
            )}

            <section aria-labelledby="credentials-heading" className="mt-8 space-y-4">
              <h2 id="credentials-heading" className="sr-only">{t("list.heading")}</h2>
              <BackpackToolbar query={query} issuers={listing.issuers} skills={listing.skills} />
              <p className="text-sm text-stone-700" role="status">{t("list.results", { count: listing.items.length })}</p>
              {listing.items.length === 0 ? (
                declinedView && !filtered ? (
                  <EmptyState title={t("list.noDeclinedTitle")} description={t("list.noDeclinedBody")} />
                ) : (
                  <EmptyState title={t("list.noMatchTitle")} description={t("list.noMatchBody")}>
                    <Link href={backpackHref({ view: query.view, show: query.show }, {})} className={buttonClasses("secondary")}>{t("filters.clear")}</Link>
                  </EmptyState>
                )
              ) : query.view === "list" ? (
                // relative: the buttons' screen-reader labels (absolutely positioned) stay inside this scrolling box.
                <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white px-4 shadow-sm">
                  <table className="w-full text-left text-sm" data-testid="backpack-list">
                    <TableHead
                      columns={[tCard("name"), tCard("issuer"), tCard("issued"), tCard("expires"), tCard("statusColumn"), tCard("visibility"), { label: tCard("actions"), hidden: true }]}
                    />
                    <tbody>
                      {listing.items.map((item) => (
                        <BackpackRow key={item.id} item={item} actions={<ItemActions item={item} />} />
                      ))}
                    </tbody>
                  </table>
                </div>
              ) : (
                <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="backpack-grid">
                  {listing.items.map((item) => (
                    <BackpackCard key={item.id} item={item} actions={<ItemActions item={item} />} />
                  ))}
                </ul>
              )}
            </section>
          </>
        )}
      </main>
    </>
  );
}
