import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { listAchievements } from "@/lib/issuing/achievements";
import { achievementTypeLabeller } from "@/lib/i18n/achievement-type";

type Props = { params: Promise<{ org: string }>; searchParams: Promise<{ archived?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("achievements"))("title") };
}

export default async function AchievementsPage({ params, searchParams }: Props) {
  const ctx = await orgPage((await params).org);
  const archived = (await searchParams).archived === "1";
  const [t, typeLabel, tGallery, achievements] = await Promise.all([
    getTranslations("achievements"),
    achievementTypeLabeller(),
    getTranslations("gallery"),
    listAchievements(ctx.org.id, { archived }),
  ]);
  const base = `/dashboard/${ctx.org.slug}/achievements`;
  const canDesign = can(ctx.role, "achievements:design");
  const newButton = canDesign && (
    <Link href={`${base}/new`} className={buttonClasses("primary")}>{t("new")}</Link>
  );
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          canDesign && (
            <div className="flex flex-wrap gap-2">
              <Link href={`${base}/templates`} className={buttonClasses("secondary")}>{tGallery("browse")}</Link>
              {newButton}
            </div>
          )
        }
      />
      <nav aria-label={t("filterLabel")} className="mb-4 flex gap-2 text-sm">
        <Link href={base} aria-current={archived ? undefined : "page"} className={buttonClasses(archived ? "ghost" : "secondary", "px-3 py-1")}>{t("active")}</Link>
        <Link href={`${base}?archived=1`} aria-current={archived ? "page" : undefined} className={buttonClasses(archived ? "secondary" : "ghost", "px-3 py-1")}>{t("archived")}</Link>
      </nav>
      {achievements.length === 0 ? (
        <EmptyState
          title={archived ? t("emptyArchivedTitle") : t("emptyTitle")}
          description={archived ? t("emptyArchivedBody") : canDesign ? t("emptyBody") : t("emptyBodyViewer")}
        >
          {!archived && newButton}
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label={t("listLabel")}>
          {achievements.map((achievement) => (
            <li key={achievement.id} data-testid="achievement-card" className="min-w-0">
              <Link href={`${base}/${achievement.id}`} className="flex h-full gap-4 rounded-xl border border-stone-200 bg-white p-4 shadow-sm hover:border-brand-600">
                {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutably cached badge images */}
                <img src={achievement.imageSrc} alt="" width={80} height={80} className="h-20 w-20 shrink-0 object-contain" loading="lazy" />
                {/* The text takes the card's whole remaining width, so a name wraps only when it must. */}
                <div className="min-w-0 flex-1">
                  <p className="text-xs font-semibold uppercase tracking-wide text-brand-700">{typeLabel(achievement.achievementType)}</p>
                  {/* Two lines before it is cut: a long name is read, not guessed. */}
                  <h2 className="line-clamp-2 font-semibold break-words text-stone-900" title={achievement.name}>{achievement.name}</h2>
                  <p className="mt-1 line-clamp-2 text-sm text-stone-700">{achievement.description}</p>
                  <p className="mt-2 text-xs text-stone-600">
                    {t("cardMeta", { version: achievement.version, count: achievement.credentialCount })}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
