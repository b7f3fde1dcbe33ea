import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createApiKey, createOrganization, signUp } from "./support/flows.ts";
import { createA11y } from "./support/a11y.ts";
import { expectNoSidewaysScroll } from "./support/layout.ts";

const PHONE = { width: 390, height: 844 };

type OpenApi = { paths: Record<string, Record<string, { operationId: string; summary: string }>> };

/** Every operation the OpenAPI document lists, as the reference's sidebar names them. */
async function documentedOperations(request: APIRequestContext) {
  const document = (await (await request.get("/api/v1/openapi.json")).json()) as OpenApi;
  const found = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ id: operation.operationId, method: method.toUpperCase(), path, summary: operation.summary })),
  );
  expect(found.length).toBeGreaterThan(20);
  return found;
}

const article = (page: Page, method: string, path: string) => page.getByRole("article", { name: `${method} ${path}`, exact: true });

/** The code block under this heading, with its copy button. */
const codeBlock = (within: Locator, heading: string) =>
  within.locator("div").filter({ has: within.page().getByRole("heading", { level: 4, name: heading, exact: true }) }).filter({ has: within.page().locator("pre") }).last();

/** Copies a code block with its button and returns what landed on the clipboard. */
async function copy(block: Locator, buttonName: string, announced: string): Promise<string> {
  await block.getByRole("button", { name: buttonName, exact: true }).click();
  await expect(block.getByText(announced, { exact: true })).toBeVisible();
  return block.page().evaluate(() => navigator.clipboard.readText());
}

test("the API reference lists every endpoint beside the page, and its copied example works against the API", async ({ page, context, request, baseURL, a11y }) => {
  // Sign-up, a key, and axe over a long page twice: a journey.
  test.setTimeout(240_000);
  const org = { name: uniqueName("Reference Academy"), slug: uniqueSlug("reference") };
  await signUp(page, { name: "Rhea Reader", email: uniqueEmail("rhea") });
  await createOrganization(page, org);
  const key = await createApiKey(page, org.slug, { name: "Docs example", scopes: ["achievements:write"] });
  const operations = await documentedOperations(request);

  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "REST API reference" })).toBeVisible();

  // The sidebar names every endpoint of the OpenAPI document, in the same order.
  const sidebar = page.getByRole("navigation", { name: "Endpoints" });
  await expect(sidebar).toBeVisible();
  await expect(sidebar.getByRole("link")).toHaveText(operations.map((operation) => `${operation.method} ${operation.summary}`));
  for (const operation of operations) {
    await expect(sidebar.getByRole("link", { name: `${operation.method} ${operation.summary}`, exact: true })).toHaveAttribute("href", `#${operation.id}`);
  }
  await a11y.check();

  // Clicking one scrolls to it; the sidebar stays in view and marks where the reader is.
  await sidebar.getByRole("link", { name: "POST Create an achievement", exact: true }).click();
  await expect(page).toHaveURL(/#createAchievement$/);
  const create = article(page, "POST", "/api/v1/achievements");
  await expect(create.getByRole("heading", { level: 3 })).toBeInViewport();
  await expect(sidebar).toBeInViewport();
  await expect(sidebar.getByRole("link", { name: "POST Create an achievement", exact: true })).toHaveAttribute("aria-current", "location");

  // Each field of the request and of the answer is explained.
  const requestTable = create.getByRole("table", { name: "Request body" });
  await expect(requestTable.getByRole("row", { name: /^criteria\.narrative / })).toContainText("The criteria in words");
  // The answer's fields open from their folded summary.
  await expect(create.getByRole("table", { name: "Response" })).toBeHidden();
  await create.getByText(/^Response \(\d+ fields\)$/).click();
  await expect(create.getByRole("table", { name: "Response" }).getByRole("row", { name: /^url / })).toContainText("The public page and Achievement JSON");

  // The example request is copied whole, and the copy is announced.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const requestBlock = codeBlock(create, "Example request");
  const curl = await copy(requestBlock, "Copy: Example request", "Copied to the clipboard.");
  expect(curl).toBe(await requestBlock.locator("pre code").innerText());
  expect(curl).toContain(`"${baseURL}/api/v1/achievements"`);
  // The endpoint as it now stands: its answer's fields open, the copy announced.
  await a11y.check({ include: "#createAchievement" });

  // What the curl line sends works against the running app, with the documented answer.
  const body = JSON.parse(/-d '([\s\S]*)'$/.exec(curl)![1]) as Record<string, unknown>;
  const responseHeading = create.getByRole("heading", { level: 4, name: /^Example response: \d{3}$/ });
  const documentedStatus = Number((await responseHeading.innerText()).match(/\d{3}$/)![0]);
  expect(documentedStatus).toBe(201);
  const answer = await request.post("/api/v1/achievements", { headers: { Authorization: `Bearer ${key}`, "Idempotency-Key": `docs-${Date.now()}` }, data: body });
  expect(answer.status()).toBe(documentedStatus);
  const created = (await answer.json()) as Record<string, unknown>;
  expect(created).toMatchObject({ name: body.name, description: body.description, achievementType: body.achievementType, tags: body.tags });
  const responseBlock = codeBlock(create, await responseHeading.innerText());
  const example = JSON.parse(await copy(responseBlock, `Copy: ${await responseHeading.innerText()}`, "Copied to the clipboard.")) as Record<string, unknown>;
  expect(Object.keys(created).sort()).toEqual(Object.keys(example).sort());

  // On a phone the list folds behind one button, and the page never scrolls sideways.
  await page.setViewportSize(PHONE);
  await page.goto("/docs/api");
  await expect(page.getByRole("navigation", { name: "Endpoints" })).toHaveCount(0);
  await page.getByText("All endpoints", { exact: true }).click();
  const folded = page.getByRole("navigation", { name: "Endpoints" });
  await expect(folded.getByRole("link")).toHaveCount(operations.length);
  await folded.getByRole("link", { name: "GET Get a bulk job", exact: true }).click();
  await expect(article(page, "GET", "/api/v1/jobs/{id}").getByRole("heading", { level: 3 })).toBeInViewport();
  await expectNoSidewaysScroll(page);
  await a11y.check();
});

test("the API reference in Spanish: headings, labels, descriptions and the copy button speak Spanish", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const operations = await documentedOperations(request);
  const context = await browser.newContext({ baseURL, locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const page = await context.newPage();
  const a11y = createA11y(page, test.info());

  await page.goto("/docs/api");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Referencia de la API REST" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Operaciones", exact: true })).toBeVisible();
  const sidebar = page.getByRole("navigation", { name: "Operaciones" });
  await expect(sidebar.getByRole("link")).toHaveCount(operations.length);
  await sidebar.getByRole("link", { name: "POST Emitir una credencial", exact: true }).click();
  await expect(page).toHaveURL(/#createCredential$/);

  const issue = article(page, "POST", "/api/v1/credentials");
  await expect(issue.getByText("Emitir una credencial", { exact: true })).toBeVisible();
  await expect(issue.getByText("Permiso:")).toBeVisible();
  const body = issue.getByRole("table", { name: "Cuerpo de la petición" });
  for (const column of ["Campo", "Tipo", "Descripción"]) await expect(body.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
  await expect(body.getByRole("row", { name: /^recipient\.email / })).toContainText("La dirección de correo del destinatario");
  await expect(body.getByRole("row", { name: /^recipient\.email / })).toContainText("obligatorio");
  await expect(issue.getByRole("table", { name: "Parámetros" }).getByRole("row", { name: /^Idempotency-Key / })).toContainText("cabecera");
  await issue.getByText(/^Respuesta \(\d+ campos\)$/).click();
  await expect(issue.getByRole("table", { name: "Respuesta" }).getByRole("row", { name: /^status / })).toContainText("issued (emitida)");
  await expect(issue.getByRole("heading", { level: 4, name: "Ejemplo de petición" })).toBeVisible();
  await expect(issue.getByRole("heading", { level: 4, name: "Ejemplo de respuesta: 201" })).toBeVisible();
  const requestBlock = codeBlock(issue, "Ejemplo de petición");
  const curl = await copy(requestBlock, "Copiar: Ejemplo de petición", "Copiado al portapapeles.");
  expect(curl).toContain("/api/v1/credentials");

  // A body without an answer says so in Spanish.
  await expect(article(page, "DELETE", "/api/v1/webhooks/{id}").getByText("Responde 204 sin cuerpo.", { exact: true })).toBeVisible();

  // None of the English words this page controls is left.
  for (const english of ["Endpoints", "Example request", "Example response: 201", "Request body", "Issue a credential", "Create an achievement", "The recipient's email address", "Copy", "required", "optional", "Field", "Description"]) {
    await expect(page.getByText(english, { exact: true }), english).toHaveCount(0);
  }
  await a11y.check();
  await context.close();
});
