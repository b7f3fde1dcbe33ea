import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { listOutbox } from "@/lib/email/outbox";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Mailbox", robots: { index: false } };

/**
 * Development only: every email Laurel would have sent, so magic links, invitations and
 * resets can be clicked on a machine without an SMTP server.
 */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ to?: string; id?: string }> }) {
  if (!env().devMailboxEnabled) notFound();
  const { to, id } = await searchParams;
  const [t, format, messages] = await Promise.all([getTranslations("devMailbox"), getFormatter(), listOutbox({ to })]);
  const selected = messages.find((message) => message.id === id) ?? messages[0];
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold text-stone-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-stone-700">{t("subtitle")}</p>
      <form className="mt-4 flex gap-2" role="search">
        <label htmlFor="mailbox-to" className="sr-only">{t("filter")}</label>
        <input id="mailbox-to" name="to" defaultValue={to ?? ""} placeholder={t("filter")} className="w-72 rounded-lg border border-stone-300 px-3 py-2 text-sm" />
        <button type="submit" className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white">{t("apply")}</button>
      </form>
      {messages.length === 0 ? (
        <div className="mt-6"><EmptyState title={t("emptyTitle")} description={t("emptyBody")} /></div>
      ) : (
        <div className="mt-6 grid gap-6 md:grid-cols-[20rem_1fr]">
          <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" aria-label={t("list")}>
            {messages.map((message) => (
              <li key={message.id}>
                <a
                  href={`?${new URLSearchParams({ ...(to ? { to } : {}), id: message.id })}`}
                  aria-current={message.id === selected?.id ? "true" : undefined}
                  className="block px-4 py-3 text-sm hover:bg-stone-50 aria-[current]:bg-brand-50"
                >
                  <span className="block font-semibold text-stone-900">{message.subject}</span>
                  <span className="block text-stone-700">{message.to}</span>
                  <span className="block text-xs text-stone-600">{format.dateTime(message.createdAt, { dateStyle: "short", timeStyle: "short" })} · {message.status}</span>
                </a>
              </li>
            ))}
          </ul>
          {selected && (
            <article className="overflow-hidden rounded-xl border border-stone-200 bg-white" aria-label={selected.subject}>
              <header className="border-b border-stone-200 px-4 py-3 text-sm">
                <p><strong>{t("to")}:</strong> {selected.to}</p>
                <p><strong>{t("subject")}:</strong> {selected.subject}</p>
              </header>
              {/* Sandboxed: the message's HTML cannot run scripts or reach this page. */}
              <iframe title={selected.subject} srcDoc={selected.html} sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" className="h-[36rem] w-full" />
              <details className="border-t border-stone-200 px-4 py-3 text-sm">
                <summary className="cursor-pointer font-semibold">{t("text")}</summary>
                <pre className="mt-2 whitespace-pre-wrap text-stone-800">{selected.text}</pre>
              </details>
            </article>
          )}
        </div>
      )}
    </main>
  );
}
