import type { APIRequestContext, Page } from "@playwright/test";
import { createA11y } from "./support/a11y.ts";
import { expect, test } from "./support/fixtures.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

const PHONE = { width: 390, height: 844 };

const LANGUAGES = {
  en: {
    acceptLanguage: "en-GB,en;q=0.9",
    title: "Integrations: webhooks and no-code tools",
    toc: "On this page",
    sections: ["Triggers: the events", "Subscribe and unsubscribe (REST hooks)", "Verifying signatures", "Answers, retries and failures", "Rotating the secret", "Actions", "Wallets and badge platforms: the Open Badges 3.0 API"],
    actions: ["Issue a credential", "Revoke a credential", "Send learner events", "Issue credentials in bulk"],
    sample: "Sample payload",
    guideLink: "Integrations guide: webhooks and no-code tools (Zapier, Make, n8n)",
    issuedLabel: "Credential issued.",
  },
  es: {
    acceptLanguage: "es-ES,es;q=0.9",
    title: "Integraciones: webhooks y herramientas sin código",
    toc: "En esta página",
    sections: ["Disparadores: los eventos", "Suscribir y cancelar la suscripción (REST hooks)", "Verificar las firmas", "Respuestas, reintentos y fallos", "Rotar el secreto", "Acciones", "Monederos y plataformas de insignias: la API de Open Badges 3.0"],
    actions: ["Emitir una credencial", "Revocar una credencial", "Enviar eventos de participantes", "Emitir credenciales en bloque"],
    sample: "Contenido de ejemplo",
    guideLink: "Guía de integraciones: webhooks y herramientas sin código (Zapier, Make, n8n)",
    issuedLabel: "Credencial emitida.",
  },
} as const;

/** The event types Laurel sends, as the OpenAPI document lists them (its `webhooks`). */
async function eventTypes(request: APIRequestContext): Promise<string[]> {
  const document = await (await request.get("/api/v1/openapi.json")).json();
  const types = Object.keys(document.webhooks as Record<string, unknown>);
  expect(types.length).toBeGreaterThan(0);
  return types;
}

/** The code block that shows this curl command's first line. */
const curlBlock = (page: Page, firstLine: string) => page.locator("pre code").filter({ hasText: firstLine });

for (const [locale, words] of Object.entries(LANGUAGES)) {
  test(`the integrations guide (${locale}): every event with its sample, REST hooks, signatures and actions, accessible, and fits a phone`, async ({ browser, baseURL, request }) => {
    test.setTimeout(120_000);
    const types = await eventTypes(request);
    const context = await browser.newContext({ baseURL, locale: locale === "es" ? "es-ES" : "en-GB", extraHTTPHeaders: { "Accept-Language": words.acceptLanguage } });
    const page = await context.newPage();
    const a11y = createA11y(page, test.info());

    // The API reference leads to the guide.
    await page.goto("/docs/api");
    await page.getByRole("link", { name: words.guideLink }).click();
    await expect(page).toHaveURL(/\/docs\/integrations$/);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page).toHaveTitle(new RegExp(`^${words.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));

    await expect(page.getByRole("heading", { level: 1, name: words.title, exact: true })).toBeVisible();
    const toc = page.getByRole("navigation", { name: words.toc });
    for (const section of words.sections) {
      await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
      await expect(toc.getByRole("link", { name: section, exact: true })).toBeVisible();
    }
    for (const action of words.actions) {
      await expect(page.getByRole("heading", { level: 3, name: action, exact: true })).toBeVisible();
    }

    // Wallets: where they start, for this deployment.
    await expect(page.getByText(`${baseURL}/ims/ob/v3p0/discovery`, { exact: true }).first()).toBeVisible();

    // Every event type: listed in the contents, with a heading of its own and its sample payload.
    for (const type of types) {
      await expect(toc.getByRole("link", { name: type, exact: true })).toBeVisible();
      const event = page.getByRole("article", { name: type, exact: true });
      await expect(event.getByRole("heading", { level: 3, name: type, exact: true })).toBeVisible();
      await expect(event.getByRole("heading", { level: 4, name: words.sample })).toBeVisible();
      const sample = JSON.parse(await event.locator("pre code").innerText());
      expect(sample).toMatchObject({ type, version: 1 });
    }
    // Each event is named and explained in the reader's language, as in the dashboard.
    await expect(page.getByRole("article", { name: "credential.issued", exact: true })).toContainText(words.issuedLabel);

    // The examples are for this deployment, with the API key from the environment.
    const subscribe = curlBlock(page, `curl -X POST "${baseURL}/api/v1/webhooks"`);
    await expect(subscribe).toHaveCount(1);
    await expect(subscribe).toContainText('-H "Authorization: Bearer $LAUREL_API_KEY"');
    await expect(subscribe).toContainText('"events":["credential.issued","credential.claimed"]');
    await expect(curlBlock(page, `curl -X DELETE "${baseURL}/api/v1/webhooks/`)).toHaveCount(1);
    await expect(curlBlock(page, `curl "${baseURL}/api/v1/webhooks/samples/credential.issued"`)).toHaveCount(1);
    await expect(curlBlock(page, `curl -X POST "${baseURL}/api/v1/credentials"`)).toHaveCount(1);
    await expect(curlBlock(page, `curl -X POST "${baseURL}/api/v1/events"`)).toHaveCount(1);
    await expect(page.locator("pre code").filter({ hasText: 'import { Webhook } from "standardwebhooks"' })).toHaveCount(1);
    for (const header of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      await expect(page.locator("dt").filter({ hasText: header })).toBeVisible();
    }

    // The contents' links move to their section.
    await toc.getByRole("link", { name: words.sections[2], exact: true }).click();
    await expect(page).toHaveURL(/#verify$/);
    await expect(page.getByRole("heading", { level: 2, name: words.sections[2], exact: true })).toBeInViewport();

    // A code block can be scrolled from the keyboard.
    await expect(page.locator("pre").first()).toHaveAttribute("tabindex", "0");

    await a11y.check();

    await page.setViewportSize(PHONE);
    await page.goto("/docs/integrations");
    await expect(page.getByRole("heading", { level: 1, name: words.title, exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await a11y.check();

    // The reference lists the events too, each linking to its place in the guide.
    await page.goto("/docs/api");
    for (const type of types) {
      await expect(page.getByRole("link", { name: type, exact: true })).toHaveAttribute("href", `/docs/integrations#event-${type.replace(/[._]/g, "-")}`);
    }
    await context.close();
  });
}
