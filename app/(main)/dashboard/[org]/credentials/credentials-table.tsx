"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/components/ui/cn";
import { ActionForm, FormMessage, SubmitButton, TextField } from "@/components/ui/form";
import { revokeCredentialsAction } from "./actions";

type Row = {
  id: string;
  href: string;
  recipient: string;
  email: string;
  achievement: string;
  issued: string;
  status: React.ReactNode;
  revocable: boolean;
  /** Visitors, shares and share-link clicks so far. */
  engagement: { visitors: number; shares: number; clicks: number };
};

// Small inline icons (stroke, currentColor): an eye, an arrow leaving a box, a pointer.
const ENGAGEMENT_ICONS = {
  visitors: "M1 12s4-7 11-7 11 7 11 7-4 7-11 7S1 12 1 12z M12 15a3 3 0 100-6 3 3 0 000 6z",
  shares: "M4 12v8h16v-8 M12 3v12 M7 8l5-5 5 5",
  clicks: "M9 9l11 4-5 2-2 5z M5 3v3 M3 5h3 M2 10l2-1 M10 2l-1 2",
} as const;

/** "3 · 1 · 2" with icons; read out as "3 visitors, 1 share, 2 share-link clicks". */
function EngagementCell({ engagement }: { engagement: Row["engagement"] }) {
  const t = useTranslations("credentials.engagement");
  const format = useFormatter();
  const items = [
    ["visitors", engagement.visitors, t("visitorsCount", { count: engagement.visitors })],
    ["shares", engagement.shares, t("sharesCount", { count: engagement.shares })],
    ["clicks", engagement.clicks, t("clicksCount", { count: engagement.clicks })],
  ] as const;
  const quiet = engagement.visitors + engagement.shares + engagement.clicks === 0;
  return (
    <span data-testid="credential-engagement" className={`inline-flex items-center gap-3 whitespace-nowrap tabular-nums ${quiet ? "text-stone-600" : "text-stone-800"}`}>
      {items.map(([key, count, label], index) => (
        <span key={key} title={label} className="inline-flex items-center gap-1">
          <svg viewBox="0 0 24 24" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d={ENGAGEMENT_ICONS[key]} />
          </svg>
          <span aria-hidden="true">{format.number(count, { notation: "compact" })}</span>
          <span className="sr-only">{label}{index < items.length - 1 ? ", " : ""}</span>
        </span>
      ))}
    </span>
  );
}

/** A cell's column name, shown above its value on a phone, where each row is a card (screen readers have the header). */
function PhoneLabel({ children }: { children: React.ReactNode }) {
  return <span aria-hidden="true" className="text-xs font-medium text-stone-600 sm:hidden">{children}</span>;
}

// Below `sm` the table's parts are displayed as blocks: each row is a card of labelled lines, so
// status and engagement are on screen without sideways scrolling. Safari drops a table's semantics
// once its parts are blocks, hence the explicit roles.
const phoneCell = "max-sm:grid max-sm:grid-cols-[8rem_minmax(0,1fr)] max-sm:items-baseline max-sm:gap-2 max-sm:px-0 max-sm:py-1";

/** The credentials table; with the issuer role, rows can be selected and revoked together. */
export function CredentialsTable({ org, rows, canRevoke }: { org: string; rows: Row[]; canRevoke: boolean }) {
  const t = useTranslations("credentials");
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current, id] : current.filter((x) => x !== id)));
  const revocable = rows.filter((row) => row.revocable).map((row) => row.id);
  const columnHead = "px-4 py-2 font-medium max-sm:sr-only";
  return (
    <div className="space-y-4">
      {/* `relative`: the screen-reader-only labels (absolutely placed) scroll with the table
          instead of widening the page on a phone. */}
      <div className="relative overflow-x-auto rounded-xl border border-stone-200 bg-white">
        <table role="table" className="w-full text-left text-sm max-sm:block">
          <caption className="sr-only">{t("tableCaption")}</caption>
          <thead role="rowgroup" className={cn("border-b border-stone-200 text-stone-700 max-sm:block", !canRevoke && "max-sm:border-0")}>
            <tr role="row" className="max-sm:block">
              {canRevoke && (
                <th role="columnheader" scope="col" className="w-10 px-4 py-2 max-sm:block max-sm:w-auto max-sm:py-3">
                  <label className="inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      aria-label={t("selectAll")}
                      checked={revocable.length > 0 && selected.length === revocable.length}
                      onChange={(event) => setSelected(event.target.checked ? revocable : [])}
                    />
                    <span aria-hidden="true" className="font-normal sm:hidden">{t("selectAll")}</span>
                  </label>
                </th>
              )}
              <th role="columnheader" scope="col" className={columnHead}>{t("recipient")}</th>
              <th role="columnheader" scope="col" className={columnHead}>{t("achievement")}</th>
              <th role="columnheader" scope="col" className={columnHead}>{t("issuedOn")}</th>
              <th role="columnheader" scope="col" className={columnHead}>{t("status")}</th>
              <th role="columnheader" scope="col" className={columnHead}>{t("engagement.column")}</th>
            </tr>
          </thead>
          <tbody role="rowgroup" className="divide-y divide-stone-100 max-sm:block">
            {rows.map((row) => (
              <tr
                key={row.id}
                role="row"
                data-testid="credential-row"
                className={cn("max-sm:px-4 max-sm:py-3", canRevoke ? "max-sm:grid max-sm:grid-cols-[1rem_minmax(0,1fr)] max-sm:gap-x-3" : "max-sm:block")}
              >
                {canRevoke && (
                  <td role="cell" className="px-4 py-3 max-sm:row-span-5 max-sm:p-0 max-sm:pt-0.5">
                    {row.revocable && (
                      <input
                        type="checkbox"
                        aria-label={t("select", { name: row.recipient })}
                        checked={selected.includes(row.id)}
                        onChange={(event) => toggle(row.id, event.target.checked)}
                      />
                    )}
                  </td>
                )}
                <td role="cell" className="px-4 py-3 max-sm:block max-sm:px-0 max-sm:pt-0 max-sm:pb-1">
                  <Link href={row.href} className="font-medium text-brand-700 underline">{row.recipient}</Link>
                  <span className="block text-stone-600 max-sm:wrap-anywhere">{row.email}</span>
                </td>
                <td role="cell" className={cn("px-4 py-3 text-stone-800", phoneCell)}>
                  <PhoneLabel>{t("achievement")}</PhoneLabel>
                  <span>{row.achievement}</span>
                </td>
                <td role="cell" className={cn("px-4 py-3 text-stone-700", phoneCell)}>
                  <PhoneLabel>{t("issuedOn")}</PhoneLabel>
                  <span>{row.issued}</span>
                </td>
                <td role="cell" className={cn("px-4 py-3", phoneCell)}>
                  <PhoneLabel>{t("status")}</PhoneLabel>
                  <span data-testid="credential-status">{row.status}</span>
                </td>
                <td role="cell" className={cn("px-4 py-3", phoneCell)}>
                  <PhoneLabel>{t("engagement.column")}</PhoneLabel>
                  <span><EngagementCell engagement={row.engagement} /></span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canRevoke && selected.length > 0 && (
        <ActionForm
          action={revokeCredentialsAction}
          confirm={t("revokeConfirm", { count: selected.length })}
          onSuccess={() => setSelected([])}
          className="flex flex-wrap items-end gap-3 rounded-xl border border-red-200 bg-red-50 p-4"
        >
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="ids" value={selected.join(",")} />
          <div className="w-full"><FormMessage /></div>
          <TextField name="reason" label={t("revokeReason", { count: selected.length })} hint={t("reasonHint")} className="min-w-72 flex-1" required />
          <SubmitButton variant="danger" pendingLabel={t("revoking")}>{t("revokeSelected", { count: selected.length })}</SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}
