import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { CodeBlock, InlineCode } from "@/components/docs/code-block";
import { integrationsGuide, MANUAL_VERIFY_EXAMPLE, NODE_VERIFY_EXAMPLE, SIGNED_CONTENT } from "./content";
import { walletGuide } from "./wallet-guide";

// The examples carry this deployment's BASE_URL, read at request time (as the API reference).
// Event, header and operation names are code, the same in every language; every word around
// them comes from the message catalogs.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("docsIntegrations"))("title") };
}

const SECTIONS = ["triggers", "subscribe", "verify", "delivery", "rotation", "actions", "wallets"] as const;

/** "5 s, 30 s, 2 min, … 8 h" in the reader's language. */
function formatSchedule(locale: string, delays: number[]): string {
  const unit = (value: number, name: "second" | "minute" | "hour") =>
    new Intl.NumberFormat(locale, { style: "unit", unit: name, unitDisplay: "short" }).format(value);
  const parts = delays.map((seconds) => (seconds < 60 ? unit(seconds, "second") : seconds < 3600 ? unit(seconds / 60, "minute") : unit(seconds / 3600, "hour")));
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(parts);
}

function SectionHeading({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <h2 id={id} className="scroll-mt-6 text-2xl font-bold text-stone-900">
      {children}
    </h2>
  );
}

export default async function IntegrationsDocsPage() {
  const [t, eventWords, scopeWords, locale] = await Promise.all([getTranslations("docsIntegrations"), getTranslations("webhooks.eventTypes"), getTranslations("oauth.scopes"), getLocale()]);
  const wallet = walletGuide();
  const guide = integrationsGuide();
  const code = (chunks: React.ReactNode) => <InlineCode>{chunks}</InlineCode>;
  const { delivery, paths } = guide;

  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-4xl px-4 py-12">
        <p className="text-sm font-semibold text-brand-800">
          <Link href="/docs/api" className="underline"><span aria-hidden="true">← </span>{t("referenceLink")}</Link>
        </p>
        <h1 className="mt-2 text-3xl font-bold text-stone-900">{t("title")}</h1>
        <p className="mt-3 text-lg text-stone-700">{t("intro")}</p>
        <p className="mt-3 text-stone-700">{t.rich("requirements", { code, header: "Authorization: Bearer $LAUREL_API_KEY" })}</p>

        <nav aria-labelledby="toc" className="mt-8 rounded-xl border border-stone-200 bg-white p-5">
          <h2 id="toc" className="text-base font-semibold text-stone-900">{t("toc")}</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-brand-800">
            {SECTIONS.map((section) => (
              <li key={section}>
                <a href={`#${section}`} className="underline">{t(`${section}.title`)}</a>
                {section === "triggers" && (
                  <ul className="mt-1 mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
                    {guide.events.map((event) => (
                      <li key={event.type}>
                        <a href={`#${event.anchor}`} className="font-mono break-all underline">{event.type}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          <p className="mt-3 text-sm text-stone-700">
            <Link href="/docs/api" className="font-semibold text-brand-800 underline">{t("referenceLink")}</Link>
            {" · "}
            <a href="/api/v1/openapi.json" className="font-semibold text-brand-800 underline">{t("openapiLink")}</a>
          </p>
        </nav>

        <section aria-labelledby="triggers" className="mt-12">
          <SectionHeading id="triggers">{t("triggers.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t("triggers.intro", { count: guide.events.length })}</p>
          <p className="mt-3 text-stone-700">{t.rich("triggers.envelope", { code })}</p>
          {guide.events.map((event) => (
            <article key={event.type} aria-labelledby={`${event.anchor}-title`} id={event.anchor} className="mt-6 scroll-mt-6 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
              <h3 id={`${event.anchor}-title`} className="font-mono text-lg font-semibold break-all text-stone-900">{event.type}</h3>
              <p className="mt-2 text-stone-700">
                <strong className="font-semibold text-stone-900">{eventWords(`${event.messageKey}.label`)}.</strong>{" "}
                {/* The catalog's English is the most precise; other languages get the dashboard's explanation. */}
                {locale === "en" ? event.description : eventWords(`${event.messageKey}.help`)}
              </p>
              <CodeBlock label={t("triggers.sample")} code={event.sample} />
            </article>
          ))}
        </section>

        <section aria-labelledby="subscribe" className="mt-12">
          <SectionHeading id="subscribe">{t("subscribe.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t("subscribe.intro")}</p>

          <h3 className="mt-6 text-lg font-semibold text-stone-900">{t("subscribe.subscribeTitle")}</h3>
          <p className="mt-2 text-stone-700">
            {t.rich("subscribe.subscribeBody", { code, path: paths.webhooks, max: delivery.maxEndpoints, scope: guide.scopes.write })}
          </p>
          <CodeBlock label={t("example")} code={guide.subscribe} />
          <p className="mt-4 text-stone-700">{t.rich("subscribe.answerBody", { code })}</p>
          <CodeBlock label={t("subscribe.answer")} code={guide.subscribed} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("subscribe.unsubscribeTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("subscribe.unsubscribeBody", { code, path: paths.webhook })}</p>
          <CodeBlock label={t("example")} code={guide.unsubscribe} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("subscribe.testTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("subscribe.testBody", { code, path: paths.samples, scope: guide.scopes.read })}</p>
          <CodeBlock label={t("example")} code={guide.testTrigger} />
        </section>

        <section aria-labelledby="verify" className="mt-12">
          <SectionHeading id="verify">{t("verify.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t("verify.intro")}</p>

          <h3 className="mt-6 text-lg font-semibold text-stone-900">{t("verify.headersTitle")}</h3>
          <dl className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {(["webhook-id", "webhook-timestamp", "webhook-signature"] as const).map((header) => (
              <div key={header} className="p-4 sm:grid sm:grid-cols-[12rem_minmax(0,1fr)] sm:gap-4">
                <dt className="font-mono text-sm font-semibold text-stone-900">{header}</dt>
                <dd className="mt-1 text-stone-700 sm:mt-0">{t.rich(`verify.headers.${header.slice("webhook-".length) as "id" | "timestamp" | "signature"}`, { code })}</dd>
              </div>
            ))}
          </dl>
          <CodeBlock label={t("verify.signedContent")} code={SIGNED_CONTENT} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("verify.nodeTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("verify.nodeBody", { code })}</p>
          <CodeBlock label={t("verify.install")} code="npm install standardwebhooks" />
          <CodeBlock label={t("example")} code={NODE_VERIFY_EXAMPLE} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("verify.manualTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("verify.manualBody", { code })}</p>
          <CodeBlock label={t("example")} code={MANUAL_VERIFY_EXAMPLE} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("verify.workedTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("verify.workedBody", { code })}</p>
          <CodeBlock label={t("verify.workedSecret")} code={guide.signedExample.secret} />
          <CodeBlock label={t("verify.workedHeaders")} code={guide.signedExample.headers} />
          <CodeBlock label={t("verify.workedBodyLabel")} code={guide.signedExample.body} />
        </section>

        <section aria-labelledby="delivery" className="mt-12">
          <SectionHeading id="delivery">{t("delivery.title")}</SectionHeading>
          <ul className="mt-3 list-disc space-y-3 pl-5 text-stone-700">
            <li>{t.rich("delivery.answer", { code, seconds: delivery.timeoutSeconds })}</li>
            <li>{t("delivery.retries", { schedule: formatSchedule(locale, delivery.retryDelaysSeconds), attempts: delivery.attempts, hours: delivery.retryHours })}</li>
            <li>{t.rich("delivery.dedupe", { code })}</li>
            <li>{t.rich("delivery.disabled", { code, days: delivery.failureDays, path: paths.webhook })}</li>
            <li>{t.rich("delivery.log", { code, path: paths.deliveries })}</li>
          </ul>
        </section>

        <section aria-labelledby="rotation" className="mt-12">
          <SectionHeading id="rotation">{t("rotation.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t.rich("rotation.body", { code, path: paths.rotate, hours: delivery.overlapHours })}</p>
          <CodeBlock label={t("example")} code={guide.rotate} />
        </section>

        <section aria-labelledby="actions" className="mt-12">
          <SectionHeading id="actions">{t("actions.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t.rich("actions.intro", { code })}</p>
          {guide.actions.map((action) => (
            <article key={action.key} aria-labelledby={`action-${action.key}`} className="mt-6 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
              <h3 id={`action-${action.key}`} className="text-lg font-semibold text-stone-900">{t(`actions.${action.key}.title`)}</h3>
              <p className="mt-1 font-mono text-sm break-all text-stone-700">
                {action.method} {action.path}
              </p>
              <p className="mt-2 text-stone-700">{t(`actions.${action.key}.body`)}</p>
              <p className="mt-2 text-sm text-stone-700">
                {t("scope")}: <InlineCode>{action.scope}</InlineCode>
                {" · "}
                <Link href={`/docs/api#${action.operationId}`} className="font-semibold text-brand-800 underline">{t("actions.reference", { name: t(`actions.${action.key}.title`) })}</Link>
              </p>
              <CodeBlock label={t("example")} code={action.curl} />
            </article>
          ))}
        </section>

        <section aria-labelledby="wallets" className="mt-12">
          <SectionHeading id="wallets">{t("wallets.title")}</SectionHeading>
          <p className="mt-3 text-stone-700">{t("wallets.intro")}</p>
          <p className="mt-3 text-stone-700">{t.rich("wallets.discoveryBody", { code, discovery: wallet.urls.discovery, metadata: wallet.urls.metadata })}</p>

          <h3 className="mt-6 text-lg font-semibold text-stone-900">{t("wallets.registerTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("wallets.registerBody", { code, register: wallet.urls.register })}</p>
          <CodeBlock label={t("example")} code={wallet.register} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("wallets.authorizeTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("wallets.authorizeBody", { code, authorize: wallet.urls.authorize })}</p>
          <CodeBlock label={t("example")} code={wallet.authorize} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("wallets.tokenTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("wallets.tokenBody", { code, token: wallet.urls.token, revoke: wallet.urls.revoke, minutes: wallet.accessTokenMinutes, days: wallet.refreshTokenDays })}</p>
          <CodeBlock label={t("example")} code={wallet.token} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("wallets.callTitle")}</h3>
          <p className="mt-2 text-stone-700">{t.rich("wallets.callBody", { code, credentials: wallet.urls.credentials, profile: wallet.urls.profile })}</p>
          <CodeBlock label={t("example")} code={wallet.list} />
          <CodeBlock label={t("example")} code={wallet.upsert} />
          <p className="mt-4 text-stone-700">{t("wallets.errorsBody")}</p>
          <CodeBlock label="403" code={wallet.error} />

          <h3 className="mt-8 text-lg font-semibold text-stone-900">{t("wallets.scopesTitle")}</h3>
          <dl className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
            {wallet.scopes.map(({ scope, messageKey }) => (
              <div key={scope} className="p-4">
                <dt className="font-mono text-sm break-all text-stone-900">{scope}</dt>
                <dd className="mt-1 text-stone-700">{scopeWords(messageKey)}</dd>
              </div>
            ))}
          </dl>

          <h3 id="terms" className="mt-8 scroll-mt-6 text-lg font-semibold text-stone-900">{t("wallets.termsTitle")}</h3>
          <p className="mt-2 text-stone-700">{t("wallets.terms")}</p>
          <h3 id="privacy" className="mt-8 scroll-mt-6 text-lg font-semibold text-stone-900">{t("wallets.privacyTitle")}</h3>
          <p className="mt-2 text-stone-700">{t("wallets.privacy")}</p>
        </section>
      </main>
    </>
  );
}
