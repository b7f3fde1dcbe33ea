import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/layout/site-header";
import { CodeBlock } from "@/components/docs/code-block";
import { EndpointNav } from "@/components/docs/endpoint-nav";
import { apiReference, type ReferenceField } from "@/lib/api/reference";
import { operations } from "@/lib/api/operations";
import { webhookEventList } from "../integrations/content";

// The examples carry this deployment's BASE_URL, read at request time.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

type TableLabels = {
  required: string;
  optional: string;
  field: string;
  type: string;
  description: string;
  in: Record<NonNullable<ReferenceField["in"]>, string>;
  count: (count: number) => string;
};

/**
 * The fields of a request or an answer. An answer's fields fold behind their caption (with their
 * count), so the page reads as a list of operations and each one opens where the reader needs it.
 */
function FieldTable({ caption, fields, labels, folded = false }: { caption: string; fields: ReferenceField[]; labels: TableLabels; folded?: boolean }) {
  const table = (
    // A wide table scrolls inside its own box, which a keyboard can focus to scroll it too.
    <div className={folded ? "mt-2 max-w-full overflow-x-auto" : "mt-4 max-w-full overflow-x-auto"} tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className={folded ? "sr-only" : "mb-1 text-left font-semibold text-stone-900"}>{caption}</caption>
        <thead>
          <tr className="border-b border-stone-200 text-xs text-stone-600">
            <th scope="col" className="py-1.5 pr-4 font-semibold">{labels.field}</th>
            <th scope="col" className="py-1.5 pr-4 font-semibold">{labels.type}</th>
            <th scope="col" className="py-1.5 font-semibold">{labels.description}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {fields.map((field) => (
            <tr key={`${field.in ?? ""}${field.name}`}>
              <th scope="row" className="py-1.5 pr-4 align-top font-mono text-xs font-medium break-all text-stone-900">{field.name}</th>
              <td className="py-1.5 pr-4 align-top font-mono text-xs break-words text-stone-700">
                {field.type}
                {field.in && <span className="block font-sans text-stone-600">{labels.in[field.in]}</span>}
              </td>
              <td className="py-1.5 align-top text-stone-700">
                <span className="text-xs font-semibold text-stone-600">{field.required ? labels.required : labels.optional}</span>
                {field.description && <span className="block">{field.description}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (!folded) return table;
  return (
    <details className="mt-4">
      <summary className="cursor-pointer font-semibold text-stone-900">
        {caption} <span className="font-normal text-stone-600">({labels.count(fields.length)})</span>
      </summary>
      {table}
    </details>
  );
}

export default async function ApiReferencePage() {
  const [t, tr, ti, eventWords, locale] = await Promise.all([
    getTranslations("apiDocs"),
    getTranslations("apiReference.ui"),
    getTranslations("docsIntegrations.apiPage"),
    getTranslations("webhooks.eventTypes"),
    getLocale(),
  ]);
  const { rateLimit, endpoints } = apiReference(locale === "es" ? "es" : "en");
  const events = webhookEventList();
  const labels: TableLabels = {
    required: t("required"),
    optional: t("optional"),
    field: tr("fieldColumn"),
    type: tr("typeColumn"),
    description: tr("descriptionColumn"),
    in: { path: tr("inPath"), query: tr("inQuery"), header: tr("inHeader") },
    count: (count) => tr("fieldCount", { count }),
  };
  return (
    <>
      <SiteHeader />
      <div className="mx-auto max-w-6xl px-4 py-8 lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-10 lg:py-12">
        <aside className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
          <EndpointNav endpoints={endpoints.map(({ id, method, summary }) => ({ id, method, summary }))} title={t("endpointsTitle")} toggle={tr("sidebarToggle")} />
        </aside>
        <main id="main" className="mt-8 min-w-0 lg:mt-0">
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
            {endpoints.map((endpoint) => (
              <article key={endpoint.id} id={endpoint.id} aria-labelledby={`${endpoint.id}-title`} className="mt-8 scroll-mt-4 rounded-xl border border-stone-200 bg-white p-4 shadow-sm sm:p-6">
                <h3 id={`${endpoint.id}-title`} className="text-lg font-semibold break-all text-stone-900">
                  <span className="mr-2 rounded bg-stone-900 px-2 py-0.5 font-mono text-sm text-white">{endpoint.method}</span>{" "}
                  <span className="font-mono">{endpoint.path}</span>
                </h3>
                <p className="mt-2 font-medium text-stone-900">{endpoint.summary}</p>
                <p className="mt-1 text-stone-700">{endpoint.description}</p>
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
                {endpoint.responseFields.length > 0 && <FieldTable caption={t("response")} fields={endpoint.responseFields} labels={labels} folded />}
                <CodeBlock label={tr("exampleRequest")} code={endpoint.curl} />
                {endpoint.responseExample ? (
                  <CodeBlock label={tr("exampleResponse", { status: endpoint.successStatus })} code={endpoint.responseExample} />
                ) : (
                  <p className="mt-4 text-sm text-stone-700">{tr("noBody", { status: endpoint.successStatus })}</p>
                )}
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
      </div>
    </>
  );
}
