import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { OrgAvatar } from "./org-avatar";

type Org = { id: string; name: string; slug: string; logo: string | null; primaryColor: string };

/** A disclosure listing the person's organizations; works without client JS. */
export async function OrgSwitcher({ current, organizations }: { current: Org; organizations: Org[] }) {
  const t = await getTranslations("dashboard.switcher");
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 text-left">
        <OrgAvatar org={current} />
        <span className="min-w-0 flex-1">
          <span className="block text-xs text-stone-600">{t("label")}</span>
          {/* Two lines before anything is cut: most names fit whole in the sidebar. */}
          <span className="line-clamp-2 break-words text-sm font-semibold leading-snug text-stone-900" data-testid="org-switcher-name">{current.name}</span>
        </span>
        <span aria-hidden="true" className="text-stone-600 group-open:rotate-180">▾</span>
      </summary>
      <div className="absolute z-20 mt-2 w-full rounded-lg border border-stone-200 bg-white p-1 shadow-lg">
        <ul>
          {organizations.map((org) => (
            <li key={org.id}>
              <Link
                href={`/dashboard/${org.slug}`}
                aria-current={org.id === current.id ? "true" : undefined}
                className="flex items-center gap-2 rounded px-2 py-2 text-sm text-stone-800 hover:bg-stone-100"
              >
                <OrgAvatar org={org} size="sm" />
                <span className="line-clamp-2 min-w-0 break-words">{org.name}</span>
              </Link>
            </li>
          ))}
        </ul>
        <Link href="/dashboard/new" className="mt-1 block rounded border-t border-stone-100 px-2 py-2 text-sm font-semibold text-brand-700 hover:bg-stone-100">
          {t("create")}
        </Link>
      </div>
    </details>
  );
}
