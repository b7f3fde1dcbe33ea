import { getFormatter, getTranslations } from "next-intl/server";
import { ProgressSection } from "@/components/backpack/progress-section";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import type { ProgramProgress } from "@/lib/programs/my-progress";
import type { ProfileEntry, ProfilePageData } from "@/lib/public/profile";
import { CheckIcon } from "./icons";

type Translate = Awaited<ReturnType<typeof getTranslations<"publicPages">>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

/**
 * How many credentials the profile lists before linking to the page with all of them: 24 keeps
 * a big profile near 100 KB (48 made it 160 KB and its p99 went over 100 ms; see the README).
 */
export const PROFILE_PREVIEW = 24;

/**
 * /u/{handle}: a learner's public profile. It lists the newest PROFILE_PREVIEW credentials and
 * links to /u/{handle}/badges (`showAll`) for the rest, so a profile with hundreds stays light.
 */
export async function ProfileView({ profile, showAll = false, progress = [] }: { profile: ProfilePageData; showAll?: boolean; progress?: ProgramProgress[] }) {
  const [t, format] = await Promise.all([getTranslations("publicPages"), getFormatter()]);
  const name = profile.name ?? profile.handle;
  return (
    <div className="space-y-10">
      <header className="flex flex-col gap-5 panel p-6 sm:flex-row sm:items-center sm:p-8">
        {profile.photo ? (
          // eslint-disable-next-line @next/next/no-img-element -- data URL, nothing to optimise
          <img src={profile.photo} alt={t("profile.photoAlt", { name })} width={96} height={96} className="h-24 w-24 shrink-0 rounded-full object-cover" />
        ) : (
          <span aria-hidden="true" className="flex h-24 w-24 shrink-0 items-center justify-center rounded-full bg-brand-700 text-4xl font-bold text-white">
            {name.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div className="min-w-0">
          <h1 className="text-3xl font-bold break-words text-stone-900">{name}</h1>
          {profile.headline && <p className="mt-1 text-lg text-stone-800">{profile.headline}</p>}
          <p className="mt-2 text-sm font-medium text-stone-700" data-testid="credential-count">{t("profile.count", { count: profile.entries.length })}</p>
        </div>
      </header>

      {/* Only when the learner chose to show it, and only public programs (see publicProgressOf). */}
      <ProgressSection programs={progress} />

      {profile.entries.length === 0 ? (
        <EmptyState title={t("profile.emptyTitle")} description={t("profile.emptyBody", { name })} />
      ) : (
        <div className="grid gap-10 lg:grid-cols-[1fr_16rem]">
          <div className="min-w-0 space-y-10">
            {profile.pinned.length > 0 && (
              <section aria-labelledby="pinned-title">
                <h2 id="pinned-title" className="text-xl font-semibold text-stone-900">{t("profile.pinned")}</h2>
                <BadgeGrid entries={profile.pinned} t={t} format={format} testId="pinned" large />
              </section>
            )}
            {profile.collections.length > 0 && (
              <section aria-labelledby="collections-title">
                <h2 id="collections-title" className="text-xl font-semibold text-stone-900">{t("profile.collections")}</h2>
                <div className="mt-4 space-y-8">
                  {profile.collections.map((collection) => (
                    <section key={collection.id} aria-labelledby={`collection-${collection.id}`} data-testid="collection">
                      <h3 id={`collection-${collection.id}`} className="text-lg font-semibold text-stone-900">{collection.name}</h3>
                      {collection.description && <p className="mt-1 text-sm text-stone-700">{collection.description}</p>}
                      <BadgeGrid entries={collection.entries} t={t} format={format} />
                    </section>
                  ))}
                </div>
              </section>
            )}
            <section aria-labelledby="all-title">
              <h2 id="all-title" className="text-xl font-semibold text-stone-900">{t("profile.all")}</h2>
              <BadgeGrid entries={showAll ? profile.entries : profile.entries.slice(0, PROFILE_PREVIEW)} t={t} format={format} testId="all" />
              {!showAll && profile.entries.length > PROFILE_PREVIEW && (
                <a href={`/u/${profile.handle}/badges`} className="mt-4 inline-block font-semibold link">
                  {t("profile.seeAll", { count: profile.entries.length })}
                </a>
              )}
            </section>
          </div>
          {profile.skills.length > 0 && (
            <aside aria-labelledby="skills-title" className="h-fit panel p-5">
              <h2 id="skills-title" className="text-lg font-semibold text-stone-900">{t("profile.skills")}</h2>
              <ul className="mt-3 flex flex-wrap gap-2" data-testid="skills">
                {profile.skills.map((skill) => (
                  <li key={skill.name} className="rounded-full border border-stone-300 bg-stone-50 px-3 py-1 text-sm text-stone-800">
                    <span aria-hidden="true">
                      {skill.name} <span className="font-semibold text-brand-800">{skill.count}</span>
                    </span>
                    <span className="sr-only">{t("profile.skillCount", { skill: skill.name, count: skill.count })}</span>
                  </li>
                ))}
              </ul>
            </aside>
          )}
        </div>
      )}
    </div>
  );
}

function BadgeGrid({ entries, t, format, testId, large }: { entries: ProfileEntry[]; t: Translate; format: Format; testId?: string; large?: boolean }) {
  return (
    <ul className="mt-4 grid gap-4 sm:grid-cols-2" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.id} className="flex gap-4 tile p-4" data-testid="profile-badge">
          {entry.imageSrc ? (
            // eslint-disable-next-line @next/next/no-img-element -- versioned badge images
            <img src={entry.imageSrc} alt="" width={64} height={64} loading="lazy" className={cn("shrink-0 object-contain", large ? "h-20 w-20" : "h-16 w-16")} />
          ) : (
            <span aria-hidden="true" className={cn("flex shrink-0 items-center justify-center rounded-full bg-stone-200 text-xl font-bold text-stone-700", large ? "h-20 w-20" : "h-16 w-16")}>
              {entry.name.slice(0, 1).toUpperCase()}
            </span>
          )}
          <div className="min-w-0">
            {entry.credentialId ? (
              <a href={`/c/${entry.credentialId}`} className="font-semibold break-words link">{entry.name}</a>
            ) : (
              <p className="font-semibold break-words text-stone-900">{entry.name}</p>
            )}
            <p className="mt-0.5 text-sm break-words text-stone-700">{t("profile.issuedBy", { issuer: entry.issuer.name ?? t("profile.unknownIssuer") })}</p>
            {entry.issuedOn && <p className="text-sm text-stone-700">{t("profile.issuedOn", { date: format.dateTime(entry.issuedOn, { dateStyle: "medium" }) })}</p>}
            {(entry.state !== "valid" || entry.imported) && (
              <div className="mt-2 flex flex-wrap gap-1.5">
                {entry.state !== "valid" && (
                  <span className={cn("rounded-full px-2 py-0.5 text-xs font-semibold", entry.state === "revoked" ? "bg-red-100 text-red-900" : "bg-amber-100 text-amber-900")}>
                    {t(`state.${entry.state}`)}
                  </span>
                )}
                {entry.imported && (
                  <span
                    className={cn("inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold", entry.verified ? "bg-brand-50 text-brand-900" : "bg-stone-200 text-stone-800")}
                    data-testid="import-mark"
                  >
                    {entry.verified && <CheckIcon className="h-3 w-3" />}
                    {entry.verified ? t("profile.verifiedOnImport") : t("profile.unverified")}
                  </span>
                )}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
