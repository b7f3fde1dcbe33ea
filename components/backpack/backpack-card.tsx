import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { BackpackItem } from "@/lib/backpack/backpack-items";
import { BadgeImage } from "./badge-image";
import { StatusBadge, VisibilityBadge } from "./status-badge";

function Dates({ item }: { item: BackpackItem }) {
  const t = useTranslations("backpack.card");
  const format = useFormatter();
  const day = (date: Date) => format.dateTime(date, { dateStyle: "medium" });
  return (
    <>
      {item.issuedOn && <span>{t("issuedOn", { date: day(item.issuedOn) })}</span>}
      {item.expiresAt ? (
        <span>{t(item.status === "expired" ? "expiredOn" : "expiresOn", { date: day(item.expiresAt) })}</span>
      ) : (
        <span>{t("noExpiry")}</span>
      )}
    </>
  );
}

function Badges({ item }: { item: BackpackItem }) {
  const t = useTranslations("backpack.card");
  const tHome = useTranslations("learnerHome.pins");
  return (
    <>
      {item.state !== "accepted" && <StatusBadge status={item.state} />}
      <StatusBadge status={item.status} />
      {item.source === "import" && <span className="rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold text-stone-800">{t("imported")}</span>}
      {item.pinPosition && (item.visibility === "private" ? (
        // Pinned but private: the public profile skips it, so the pin alone would mislead.
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-950">{tHome("pinnedHidden", { position: item.pinPosition })}</span>
      ) : (
        <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-semibold text-brand-900">{t("pinned", { position: item.pinPosition })}</span>
      ))}
    </>
  );
}

/** One credential in the grid: image, name, issuer, dates, status and visibility; `actions` for pending ones. */
export function BackpackCard({ item, actions }: { item: BackpackItem; actions?: React.ReactNode }) {
  const t = useTranslations("backpack.card");
  return (
    <li data-testid="backpack-item" className="flex flex-col rounded-xl border border-stone-200 bg-white p-4 shadow-sm">
      <div className="flex items-start gap-4">
        <BadgeImage src={item.imageSrc} alt={t("badgeAlt", { name: item.name })} size={80} />
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold text-stone-900">
            <Link href={`/backpack/${item.id}`} className="hover:underline focus-visible:underline">
              {item.name}
            </Link>
          </h3>
          <p className="mt-0.5 truncate text-sm text-stone-700">{t("issuedBy", { issuer: item.issuer.name })}</p>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-1.5">
        <Badges item={item} />
      </div>
      <p className="mt-3 flex flex-col gap-0.5 text-xs text-stone-700">
        <Dates item={item} />
      </p>
      <div className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-3">
        <VisibilityBadge visibility={item.visibility} />
        {actions}
      </div>
    </li>
  );
}

/** The same credential as a table row (list view). */
export function BackpackRow({ item, actions }: { item: BackpackItem; actions?: React.ReactNode }) {
  const t = useTranslations("backpack.card");
  const format = useFormatter();
  const day = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium" }) : "—");
  return (
    <tr data-testid="backpack-item" className="border-t border-stone-100 align-middle">
      <td className="py-3 pr-3">
        <div className="flex items-center gap-3">
          <BadgeImage src={item.imageSrc} alt={t("badgeAlt", { name: item.name })} size={40} />
          <Link href={`/backpack/${item.id}`} className="font-semibold text-stone-900 hover:underline focus-visible:underline">
            {item.name}
          </Link>
        </div>
      </td>
      <td className="py-3 pr-3 text-sm text-stone-700">{item.issuer.name}</td>
      <td className="py-3 pr-3 text-sm text-stone-700">{day(item.issuedOn)}</td>
      <td className="py-3 pr-3 text-sm text-stone-700">{item.expiresAt ? day(item.expiresAt) : t("noExpiry")}</td>
      <td className="py-3 pr-3">
        <div className="flex flex-wrap gap-1.5">
          <Badges item={item} />
        </div>
      </td>
      <td className="py-3 pr-3">
        <VisibilityBadge visibility={item.visibility} />
      </td>
      <td className="py-3 text-right">{actions}</td>
    </tr>
  );
}
