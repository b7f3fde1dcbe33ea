import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/dashboard/page-header";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { orgPage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { listIssuableAchievements } from "@/lib/issuing/issuable-achievements";
import { CREDENTIAL_STATUSES, credentialFiltersSchema, listCredentials } from "@/lib/issuing/list-credentials";
import { CredentialsTable } from "./credentials-table";
import { StatusBadge } from "./status-badge";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credentials"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

export default async function CredentialsPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<SearchParams> }) {
  const { org: slug } = await params;
  const ctx = await orgPage(slug);
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = credentialFiltersSchema.safeParse(raw);
  const filters = parsed.success ? parsed.data : credentialFiltersSchema.parse({});
  const [t, format, achievements, page] = await Promise.all([
    getTranslations("credentials"),
    getFormatter(),
    listIssuableAchievements(ctx.org.id),
    listCredentials(ctx.org.id, filters),
  ]);
  const base = `/dashboard/${ctx.org.slug}`;
  const filterQuery = new URLSearchParams(
    Object.entries({ q: filters.q, achievementId: filters.achievementId, job: filters.job, status: filters.status, from: raw.from, to: raw.to }).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );
  const filtered = filterQuery.size > 0;
  const inputClass = "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <div className="flex gap-2">
            <a href={`${base}/credentials/export.csv?${filterQuery}`} className={buttonClasses("secondary")}>{t("export")}</a>
            {can(ctx.role, "credentials:issue") && <Link href={`${base}/issue`} className={buttonClasses("primary")}>{t("issue")}</Link>}
          </div>
        }
      />
      <form method="get" role="search" aria-label={t("filters")} className="mb-6 grid gap-3 rounded-xl border border-stone-200 bg-white p-4 md:grid-cols-6 md:items-end">
        <div className="md:col-span-2">
          <label htmlFor="filter-q" className="block text-sm font-medium text-stone-800">{t("search")}</label>
          <input id="filter-q" name="q" defaultValue={filters.q ?? ""} placeholder={t("searchPlaceholder")} className={inputClass} />
        </div>
        <div>
          <label htmlFor="filter-achievement" className="block text-sm font-medium text-stone-800">{t("achievement")}</label>
          <select id="filter-achievement" name="achievementId" defaultValue={filters.achievementId ?? ""} className={inputClass}>
            <option value="">{t("all")}</option>
            {achievements.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className="block text-sm font-medium text-stone-800">{t("status")}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""} className={inputClass}>
            <option value="">{t("all")}</option>
            {CREDENTIAL_STATUSES.map((status) => <option key={status} value={status}>{t(`statuses.${status}`)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="filter-from" className="block text-sm font-medium text-stone-800">{t("from")}</label>
          <input id="filter-from" type="date" name="from" defaultValue={typeof raw.from === "string" ? raw.from : ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="filter-to" className="block text-sm font-medium text-stone-800">{t("to")}</label>
          <input id="filter-to" type="date" name="to" defaultValue={typeof raw.to === "string" ? raw.to : ""} className={inputClass} />
        </div>
        {/* Kept through a change of the other filters; "Clear filters" drops it. */}
        {filters.job && <input type="hidden" name="job" value={filters.job} />}
        {filters.job && <p className="text-sm text-stone-800 md:col-span-6" data-testid="job-filter">{t("fromUpload")}</p>}
        <div className="flex gap-2 md:col-span-6">
          <button type="submit" className={buttonClasses("primary")}>{t("apply")}</button>
          {filtered && <Link href={`${base}/credentials`} className={buttonClasses("ghost")}>{t("clear")}</Link>}
        </div>
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t("noMatchTitle") : t("emptyTitle")} description={filtered ? t("noMatchBody") : t("emptyBody")} />
      ) : (
        <CredentialsTable
          org={ctx.org.slug}
          canRevoke={can(ctx.role, "credentials:issue")}
          rows={page.items.map((item) => ({
            id: item.id,
            href: `${base}/credentials/${item.id}`,
            recipient: item.recipientName ?? item.recipientEmail,
            email: item.recipientEmail,
            achievement: item.achievement.name,
            issued: format.dateTime(item.issuedAt, { dateStyle: "medium" }),
            status: <StatusBadge status={item.status} label={t(`statuses.${item.status}`)} />,
            revocable: item.status !== "revoked",
            engagement: { visitors: item.engagement.visitors, shares: item.engagement.shares, clicks: item.engagement.shareClicks },
          }))}
        />
      )}
      <nav aria-label={t("pages")} className="mt-4 flex gap-2">
        {filters.cursor && <Link href={`${base}/credentials?${filterQuery}`} className={buttonClasses("secondary")}>{t("firstPage")}</Link>}
        {page.nextCursor && (
          <Link href={`${base}/credentials?${new URLSearchParams([...filterQuery, ["cursor", page.nextCursor]])}`} className={buttonClasses("secondary")}>
            {t("nextPage")}
          </Link>
        )}
      </nav>
    </>
  );
}
