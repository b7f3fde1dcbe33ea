import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { LearnersTable } from "@/components/programs/learners-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { pageId } from "@/lib/auth/guard";
import { REQUIRED_ROLE } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { getProgramHead } from "@/lib/programs/manage";
import { listProgramLearners, programLearnersQuerySchema } from "@/lib/programs/learners";
import { featurePage } from "@/components/dashboard/feature-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("programInsights"))("learners.title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function ProgramLearnersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; programId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { org: slug, programId: rawId } = await params;
  const { ctx, blocked } = await featurePage(slug, "programs", { role: REQUIRED_ROLE["programs:read"] });
  if (blocked) return blocked;
  const programId = pageId(rawId);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = programLearnersQuerySchema.safeParse({ q: raw.q, cursor: raw.cursor });
  const query = parsed.success ? parsed.data : { limit: 25 };
  // Another organization's program is as missing as one that never was.
  const program = await getProgramHead(ctx.org.id, programId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const load = (cursor?: string) => listProgramLearners(ctx.org.id, program.id, { ...query, cursor });
  // A page link that no longer decodes starts over from the top, saying so.
  let badCursor = false;
  const page = await load(query.cursor).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === "validation_failed")) throw error;
    badCursor = true;
    return load();
  });
  const t = await getTranslations("programInsights.learners");
  const path = `/dashboard/${ctx.org.slug}/programs/${program.id}/learners`;
  const q = query.q ?? "";
  const searchQuery = new URLSearchParams(q ? { q } : {});
  return (
    <>
      <PageHeader title={t("titleFor", { name: program.name })} description={t("description")} />
      <form method="get" role="search" aria-label={t("search")} className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-stone-200 bg-white p-4">
        <div className="min-w-64 flex-1">
          <label htmlFor="learners-q" className="block text-sm font-medium text-stone-800">{t("searchLabel")}</label>
          <input
            id="learners-q"
            type="search"
            name="q"
            defaultValue={q}
            placeholder={t("searchPlaceholder")}
            className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900"
          />
        </div>
        <button type="submit" className={buttonClasses("primary")}>{t("apply")}</button>
        {q && <Link href={path} className={buttonClasses("ghost")}>{t("clear")}</Link>}
      </form>
      {badCursor && (
        <p role="status" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">{t("badCursor")}</p>
      )}
      {page.data.length === 0 ? (
        <EmptyState title={q ? t("noMatchTitle") : t("emptyTitle")} description={q ? t("noMatchBody") : t("emptyBody")} />
      ) : (
        <LearnersTable rows={page.data} />
      )}
      <nav aria-label={t("pages")} className="mt-4 flex gap-2">
        {query.cursor && !badCursor && <Link href={`${path}?${searchQuery}`} className={buttonClasses("secondary")}>{t("firstPage")}</Link>}
        {page.nextCursor && (
          <Link href={`${path}?${new URLSearchParams([...searchQuery, ["cursor", page.nextCursor]])}`} className={buttonClasses("secondary")}>
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </>
  );
}
