import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { apiReference, type ReferenceField } from "@/lib/api/reference";
import { operations } from "@/lib/api/operations";
import { webhookEventList } from "../integrations/content";

// The examples carry this deployment's BASE_URL, read at request time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

function FieldTable({ caption, fields, labels }: { caption: string; fields: ReferenceField[]; labels: { required: string; optional: string } }) {
  return (
    <table className="mt-2 w-full text-left text-sm">
      <caption className="mb-1 text-left font-semibold text-stone-900">{caption}</caption>
      <tbody className="divide-y divide-stone-100">
        {fields.map((field) => (
          <tr key={field.name}>
            <th scope="row" className="py-1.5 pr-4 align-top font-mono text-xs font-medium text-stone-900">{field.name}</th>
            <td className="py-1.5 pr-4 align-top font-mono text-xs text-stone-700">{field.type}</td>
            <td className="py-1.5 align-top text-stone-700">
              {field.required ? labels.required : labels.optional}
              {field.description && <span className="block text-stone-600">{field.description}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ApiReferencePage() {
  const [t, ti, eventWords, locale] = await Promise.all([
    getTranslations("apiDocs"),
    getTranslations("docsIntegrations.apiPage"),
    getTranslations("webhooks.eventTypes"),
    getLocale(),
  ]);
  const { rateLimit, endpoints } = apiReference();
  const events = webhookEventList();
  const labels = { required: t("required"), optional: t("optional") };
  return (
    <>
      <SiteHeader />
      <main id="main" className="mx-auto max-w-4xl px-4 py-12">
        <h1 className="text-3xl font-bold text-stone-900">{t("title")}</h1>
        <p className="mt-3 text-lg text-stone-700">{t("intro")}</p>
        <p className="mt-3">
          <a href="/api/v1/openapi.json" className="font-semibold text-brand-800 underline">{t("openapi")}</a>
        </p>
        <p className="mt-2">
          <Link href="/docs/integrations" className="font-semibold text-brand-800 underline">{ti("guideLink")}</Link>
        </p>

        <section aria-labelledby="auth" className="mt-10">
          <h2 id="auth" className="text-xl font-bold text-stone-900">{t("authTitle")}</h2>
          <p className="mt-2 text-stone-700">{t("authBody")}</p>
        </section>

        <section aria-labelledby="conventions" className="mt-10">
          <h2 id="conventions" className="text-xl font-bold text-stone-900">{t("conventionsTitle")}</h2>
          <ul className="mt-2 list-disc space-y-2 pl-5 text-stone-700">
            <li>{t("errorsBody")}</li>
            <li>{t("idempotencyBody")}</li>
            <li>{t("paginationBody")}</li>
            <li>{t("rateLimitBody", { limit: rateLimit })}</li>
          </ul>
        </section>

        <section aria-labelledby="endpoints" className="mt-10">
          <h2 id="endpoints" className="text-xl font-bold text-stone-900">{t("endpointsTitle")}</h2>
          <nav aria-label={t("endpointsTitle")} className="mt-3">
            <ul className="space-y-1 text-sm">
              {endpoints.map((endpoint) => (
                <li key={endpoint.id}>
                  <a href={`#${endpoint.id}`} className="text-brand-800 underline">
                    <span className="font-mono">{endpoint.method} {endpoint.path}</span> — {endpoint.summary}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {endpoints.map((endpoint) => (
            <article key={endpoint.id} id={endpoint.id} aria-labelledby={`${endpoint.id}-title`} className="mt-8 rounded-xl border border-stone-200 bg-white p-6 shadow-sm">
              <h3 id={`${endpoint.id}-title`} className="text-lg font-semibold text-stone-900">
                <span className="mr-2 rounded bg-stone-900 px-2 py-0.5 font-mono text-sm text-white">{endpoint.method}</span>{" "}
                <span className="font-mono">{endpoint.path}</span>
              </h3>
              <p className="mt-2 font-medium text-stone-900">{endpoint.summary}</p>
              {endpoint.description && <p className="mt-1 text-stone-700">{endpoint.description}</p>}
              <p className="mt-2 text-sm text-stone-700">
                {endpoint.scope ? (
                  <>
                    {t("scope")}: <code className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-900">{endpoint.scope}</code>
                  </>
                ) : (
                  t("noKey")
                )}
              </p>
              {endpoint.parameters.length > 0 && <FieldTable caption={t("parameters")} fields={endpoint.parameters} labels={labels} />}
              {endpoint.bodyFields.length > 0 && <FieldTable caption={t("requestBody")} fields={endpoint.bodyFields} labels={labels} />}
              {endpoint.responseFields.length > 0 && <FieldTable caption={t("response")} fields={endpoint.responseFields} labels={labels} />}
              <h4 className="mt-4 text-sm font-semibold text-stone-900">{t("example")}</h4>
              <pre className="mt-1 overflow-x-auto rounded-lg bg-stone-900 p-4 text-xs text-stone-100" tabIndex={0}>
                <code>{endpoint.curl}</code>
              </pre>
            </article>
          ))}
        </section>

        <section aria-labelledby="webhooks" className="mt-10">
          <h2 id="webhooks" className="text-xl font-bold text-stone-900">{ti("webhooksTitle")}</h2>
          <p className="mt-2 text-stone-700">
            {ti.rich("webhooksBody", {
              path: operations.createWebhook.path,
              code: (chunks) => <code className="rounded bg-stone-100 px-1.5 py-0.5 font-mono text-xs text-stone-900">{chunks}</code>,
              guide: (chunks) => <Link href="/docs/integrations" className="font-semibold text-brand-800 underline">{chunks}</Link>,
            })}
          </p>
          <ul className="mt-3 space-y-2 text-sm">
            {events.map((event) => (
              <li key={event.type}>
                <Link href={`/docs/integrations#${event.anchor}`} className="font-mono font-semibold break-all text-brand-800 underline">{event.type}</Link>
                {" — "}
                <span className="text-stone-700">
                  <span className="font-medium text-stone-900">{eventWords(`${event.messageKey}.label`)}.</span>{" "}
                  {locale === "en" ? event.description : eventWords(`${event.messageKey}.help`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
