import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { BACKPACK_SORTS, BACKPACK_STATUSES, type BackpackQuery } from "@/lib/backpack/schemas";

/** The URL of the backpack with some of its query changed (unset values are dropped). */
export function backpackHref(query: Partial<BackpackQuery>, changes: Partial<Record<keyof BackpackQuery, string | undefined>>): string {
  const params = new URLSearchParams();
  const merged = { ...query, ...changes } as Record<string, string | undefined>;
  const defaults: Record<string, string> = { view: "grid", sort: "newest", show: "active" };
  for (const [key, value] of Object.entries(merged)) {
    if (value && defaults[key] !== value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/backpack?${search}` : "/backpack";
}

const selectClasses = "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm text-stone-900 shadow-sm";

/**
 * Sort and filters as a plain GET form: every choice lands in the URL, so a filtered view can
 * be bookmarked and the form works without JavaScript.
 */
export function BackpackToolbar({
  query,
  issuers,
  skills,
}: {
  query: BackpackQuery;
  issuers: { key: string; name: string }[];
  skills: string[];
}) {
  const t = useTranslations("backpack.filters");
  const tStatus = useTranslations("backpack.status");
  const sortLabels = { newest: t("sortNewest"), oldest: t("sortOldest"), name: t("sortName"), issuer: t("sortIssuer") };
  const filtered = Boolean(query.issuer || query.skill || query.status || query.from || query.to);
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <form method="get" action="/backpack" aria-label={t("legend")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-6">
        {query.view !== "grid" && <input type="hidden" name="view" value={query.view} />}
        {query.show !== "active" && <input type="hidden" name="show" value={query.show} />}
        <Field id="bp-sort" label={t("sort")}>
          <select id="bp-sort" name="sort" defaultValue={query.sort} className={selectClasses}>
            {BACKPACK_SORTS.map((sort) => (
              <option key={sort} value={sort}>{sortLabels[sort]}</option>
            ))}
          </select>
        </Field>
        <Field id="bp-issuer" label={t("issuer")}>
          <select id="bp-issuer" name="issuer" defaultValue={query.issuer ?? ""} className={selectClasses}>
            <option value="">{t("any")}</option>
            {issuers.map((issuer) => (
              <option key={issuer.key} value={issuer.key}>{issuer.name}</option>
            ))}
          </select>
        </Field>
        <Field id="bp-skill" label={t("skill")}>
          <select id="bp-skill" name="skill" defaultValue={query.skill ?? ""} className={selectClasses}>
            <option value="">{t("any")}</option>
            {skills.map((skill) => (
              <option key={skill} value={skill}>{skill}</option>
            ))}
          </select>
        </Field>
        <Field id="bp-status" label={t("status")}>
          <select id="bp-status" name="status" defaultValue={query.status ?? ""} className={selectClasses}>
            <option value="">{t("any")}</option>
            {BACKPACK_STATUSES.map((status) => (
              <option key={status} value={status}>{tStatus(status)}</option>
            ))}
          </select>
        </Field>
        <Field id="bp-from" label={t("from")}>
          <input id="bp-from" type="date" name="from" defaultValue={query.from ?? ""} className={selectClasses} />
        </Field>
        <Field id="bp-to" label={t("to")}>
          <input id="bp-to" type="date" name="to" defaultValue={query.to ?? ""} className={selectClasses} />
        </Field>
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-6">
          <button type="submit" className={buttonClasses("secondary")}>{t("apply")}</button>
          {filtered && (
            <Link href={backpackHref({ view: query.view, sort: query.sort, show: query.show }, {})} className="text-sm font-semibold text-brand-700 underline">
              {t("clear")}
            </Link>
          )}
          <nav aria-label={t("view")} className="ml-auto flex rounded-lg border border-stone-300 p-0.5">
            {(["grid", "list"] as const).map((view) => (
              <Link
                key={view}
                href={backpackHref(query, { view })}
                aria-current={query.view === view ? "page" : undefined}
                className={cn(
                  "rounded-md px-3 py-1.5 text-sm font-semibold",
                  query.view === view ? "bg-brand-700 text-white" : "text-stone-800 hover:bg-stone-100",
                )}
              >
                {t(view)}
              </Link>
            ))}
          </nav>
        </div>
      </form>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">{label}</label>
      {children}
    </div>
  );
}
