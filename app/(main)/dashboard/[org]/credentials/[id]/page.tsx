import type { Metadata } from "next";
import { formatStoredDate } from "@/lib/dates";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { CHANNELS } from "@/lib/analytics/channels";
import { credentialTimeline, type CredentialEngagement, type TimelineEntry, type TimelineGroup } from "@/lib/analytics/timeline";
import { PageHeader } from "@/components/dashboard/page-header";
import { Card, CardHeader } from "@/components/ui/card";
import { orgPage, pageId } from "@/lib/auth/guard";
import { can } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { credentialDetail } from "@/lib/issuing/credential-detail";
import { publicUrls } from "@/lib/issuing/urls";
import { awardWords } from "@/lib/programs/award-words";
import type { DescribeTranslator } from "@/lib/programs/describe";
import { StatusBadge } from "../status-badge";
import { CredentialActions } from "./credential-actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("credentials"))("detailTitle") };
}

export default async function CredentialDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id: rawId } = await params;
  const ctx = await orgPage(slug);
  const id = pageId(rawId);
  const [credential, timeline] = await Promise.all([credentialDetail(ctx.org.id, id), credentialTimeline(ctx.org.id, id)]).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const [t, format, tDescribe, locale] = await Promise.all([getTranslations("credentials"), getFormatter(), getTranslations("programs.describe"), getLocale()]);
  const ruleIds = timeline.entries.flatMap((entry) => (entry.kind === "milestone" && entry.award ? [entry.award.ruleId] : []));
  const words = await awardWords(ctx.org.id, ruleIds, locale, tDescribe as unknown as DescribeTranslator);
  const base = `/dashboard/${ctx.org.slug}/credentials`;
  const date = (value: Date) => formatStoredDate(value, (readable) => format.dateTime(readable, { dateStyle: "medium", timeStyle: "short" }));
  const day = (value: string) => format.dateTime(new Date(`${value}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  // "Viewed 12 times by 8 visitors · LinkedIn 7, Direct 5"; "2 link previews (LinkedInBot ×2) · not counted as views"
  const groupText = (group: TimelineGroup) => {
    const headline = t(`engagement.groups.${group.type}`, { count: group.count, visitors: group.visitors });
    if (group.type === "previewed") {
      const crawlers = group.breakdown.map((item) => t("engagement.previewItem", { name: item.key || t("engagement.unknownCrawler"), count: item.count }));
      return `${headline}${crawlers.length ? ` (${crawlers.join(", ")})` : ""} · ${t("engagement.notViews")}`;
    }
    const sources = group.breakdown.map((item) => t("engagement.breakdownItem", { name: breakdownName(group, item.key), count: item.count }));
    return sources.length ? `${headline} · ${sources.join(", ")}` : headline;
  };
  const breakdownName = (group: TimelineGroup, key: string) => {
    if (group.type === "viewed" || group.type === "clicked") return t(`engagement.channels.${key as (typeof CHANNELS)[number]}`);
    return t.has(`engagement.formats.${key}`) ? t(`engagement.formats.${key}`) : key.toUpperCase();
  };
  return (
    <>
      <Link href={base} className="mb-4 inline-block text-sm font-semibold text-brand-800 underline">
        <span aria-hidden="true">← </span>{t("backToList")}
      </Link>
      <PageHeader title={credential.recipientName ?? credential.recipientEmail} description={credential.achievement.name} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title={t("details")} />
          <div className="flex flex-col gap-6 sm:flex-row">
            {/* eslint-disable-next-line @next/next/no-img-element -- versioned, immutable badge image */}
            <img src={credential.imageSrc} alt={t("badgeAlt", { name: credential.achievement.name })} width={96} height={96} className="h-24 w-24 shrink-0 object-contain" data-testid="credential-badge" />
            <dl className="grid flex-1 gap-4 text-sm sm:grid-cols-2">
              <div><dt className="font-medium text-stone-700">{t("status")}</dt><dd className="mt-1"><StatusBadge status={credential.status} label={t(`statuses.${credential.status}`)} /></dd></div>
              <div><dt className="font-medium text-stone-700">{t("email")}</dt><dd className="mt-1 text-stone-900">{credential.recipientEmail}</dd></div>
              <div><dt className="font-medium text-stone-700">{t("validFrom")}</dt><dd className="mt-1 text-stone-900">{date(credential.validFrom)}</dd></div>
              <div><dt className="font-medium text-stone-700">{t("validUntil")}</dt><dd className="mt-1 text-stone-900">{credential.validUntil ? date(credential.validUntil) : t("noExpiry")}</dd></div>
              <div><dt className="font-medium text-stone-700">{t("version")}</dt><dd className="mt-1 text-stone-900">{credential.achievementVersion}</dd></div>
              <div>
                <dt className="font-medium text-stone-700">{t("publicPage")}</dt>
                <dd className="mt-1"><a href={publicUrls.credential(credential.id)} className="break-all text-brand-700 underline">{publicUrls.credential(credential.id)}</a></dd>
              </div>
              {credential.revokedAt && (
                <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("revocationReason")}</dt><dd className="mt-1 text-stone-900">{credential.revocationReason}</dd></div>
              )}
              {credential.replacedById && (
                <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("replacedBy")}</dt><dd className="mt-1"><Link href={`${base}/${credential.replacedById}`} className="text-brand-700 underline">{t("viewReplacement")}</Link></dd></div>
              )}
              {credential.replacesId && (
                <div className="sm:col-span-2"><dt className="font-medium text-stone-700">{t("replaces")}</dt><dd className="mt-1"><Link href={`${base}/${credential.replacesId}`} className="text-brand-700 underline">{t("viewPrevious")}</Link></dd></div>
              )}
              {credential.results.length > 0 && (
                <div className="sm:col-span-2" data-testid="credential-results">
                  <dt className="font-medium text-stone-700">{t("results")}</dt>
                  <dd className="mt-1 flex flex-wrap gap-2">
                    {credential.results.map((result, index) => (
                      <span key={index} className="rounded-lg border border-stone-200 bg-stone-50 px-3 py-1.5 text-stone-900">
                        {result.name ?? t("resultUnnamed")}: <strong className="font-semibold">{result.value}</strong>
                      </span>
                    ))}
                  </dd>
                </div>
              )}
              {credential.evidence.length > 0 && (
                <div className="sm:col-span-2" data-testid="credential-evidence">
                  <dt className="font-medium text-stone-700">{t("evidence")}</dt>
                  <dd className="mt-1">
                    <ul className="space-y-2">
                      {credential.evidence.map((item, index) => (
                        <li key={index} className="text-stone-900">
                          <span className="font-medium">{item.name ?? t("evidenceUntitled", { number: index + 1 })}</span>
                          {item.description && <span className="block text-stone-700">{item.description}</span>}
                          {item.narrative && <span className="block whitespace-pre-line text-stone-700">{item.narrative}</span>}
                          {item.id && <a href={item.id} rel="nofollow noopener" className="text-brand-700 underline">{t("evidenceLink")}</a>}
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
          </div>
        </Card>
        <Card>
          <CardHeader title={t("engagement.title")} />
          {timeline.hasEngagement ? (
            <>
              <dl className="grid grid-cols-2 gap-3">
                {engagementStats(timeline.engagement).map(([key, count]) => (
                  <div key={key} className="rounded-lg bg-stone-50 px-3 py-2">
                    <dt className="text-xs font-medium text-stone-700">{t(`engagement.${key}`)}</dt>
                    <dd className="mt-0.5 text-xl font-semibold tabular-nums text-stone-900">{format.number(count)}</dd>
                  </div>
                ))}
              </dl>
              {timeline.engagement.previews > 0 && <p className="mt-3 text-xs text-stone-600">{t("engagement.previewsHint")}</p>}
            </>
          ) : (
            <div data-testid="engagement-empty" className="rounded-lg border-2 border-dashed border-stone-300 px-4 py-6 text-center">
              <p className="text-sm font-medium text-stone-900">{t("engagement.emptyTitle")}</p>
              <p className="mt-1 text-sm text-stone-600">{t("engagement.emptyBody")}</p>
            </div>
          )}
        </Card>
        {can(ctx.role, "credentials:issue") && (
          <Card className="lg:col-span-3">
            <CardHeader title={t("actions")} />
            <CredentialActions
              org={ctx.org.slug}
              id={credential.id}
              revoked={Boolean(credential.revokedAt)}
              claimed={Boolean(credential.claimedAt)}
              renewable={!credential.replacedById && credential.validUntil !== null}
              credentialsHref={base}
            />
          </Card>
        )}
        <Card className="lg:col-span-3">
          <CardHeader title={t("timeline")} id="timeline" />
          <ol className="space-y-4 border-l-2 border-stone-200 pl-4" aria-labelledby="timeline">
            {timeline.entries.map((entry) => (
              <li key={entryKey(entry)} data-testid="timeline-event" className="relative">
                <span
                  className={`absolute -left-[23px] top-1.5 h-3 w-3 rounded-full ${entry.kind === "group" && entry.type === "previewed" ? "border-2 border-stone-400 bg-white" : entry.kind === "group" ? "bg-brand-200" : "bg-brand-700"}`}
                  aria-hidden="true"
                />
                {entry.kind === "milestone" ? (
                  <>
                    <p className="text-sm font-medium text-stone-900">
                      {entry.type === "shared" ? t("engagement.shared", { channel: entry.channel ?? "direct" }) : t.has(`events.${entry.type}`) ? t(`events.${entry.type}`) : entry.type}
                    </p>
                    {entry.award && (
                      <p className="text-xs text-stone-700" data-testid="timeline-award">
                        {t("programAward.rule", { program: entry.award.programName, rule: words.get(entry.award.ruleId)?.rule ?? entry.award.description })}{" "}
                        {entry.award.credentials
                          ? t("programAward.pathway", { count: entry.award.credentials.length })
                          : entry.award.metric && entry.award.value !== undefined && entry.award.eventId
                            ? t("programAward.crossed", { metric: words.get(entry.award.ruleId)?.metric ?? entry.award.metricLabel ?? entry.award.metric, value: entry.award.value, event: entry.award.eventId })
                            : null}
                      </p>
                    )}
                    <time dateTime={entry.at.toISOString()} className="text-xs text-stone-600">{date(entry.at)}</time>
                  </>
                ) : (
                  <>
                    <p className={`text-sm ${entry.type === "previewed" ? "text-stone-700" : "font-medium text-stone-900"}`}>
                      {groupText(entry)}
                    </p>
                    <time dateTime={entry.day} className="text-xs text-stone-600">{day(entry.day)}</time>
                  </>
                )}
              </li>
            ))}
          </ol>
          {timeline.truncated && <p className="mt-4 text-xs text-stone-600">{t("engagement.truncated", { count: timeline.entries.length })}</p>}
        </Card>
      </div>
    </>
  );
}

/** The stat row: the counts a person reads first; verifier checks only once there are some. */
function engagementStats(engagement: CredentialEngagement): [keyof CredentialEngagement, number][] {
  const keys: (keyof CredentialEngagement)[] = ["visitors", "shares", "shareClicks", "earnClicks", "downloads", "previews"];
  if (engagement.verifications > 0) keys.push("verifications");
  return keys.map((key) => [key, engagement[key]]);
}

function entryKey(entry: TimelineEntry): string {
  return entry.kind === "milestone" ? entry.id : `${entry.day}:${entry.type}`;
}
