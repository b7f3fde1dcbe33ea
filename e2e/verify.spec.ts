import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { bakePng } from "../lib/ob/bake.ts";
import { solidPng } from "../lib/test/images.ts";
import { createA11y } from "./support/a11y.ts";
import { expect, test } from "./support/fixtures.ts";

// Another issuer's badge (the Digital Credentials Consortium's copy of the OB 3.0 spec example),
// signed with a did:key: it verifies with no network. A forged copy keeps its signature.
const SPEC_DIR = path.resolve(process.cwd(), "../shared/spec");
const credentialText = readFileSync(path.join(SPEC_DIR, "dcc-verifier-core-fixtures/v2OBv3SpecExample.json"), "utf8");
const bakedBadge = Buffer.from(bakePng(solidPng(64, [40, 90, 160]), credentialText));
const forged = JSON.parse(credentialText);
forged.credentialSubject.achievement.name = "Teamwork Grandmaster";
// A host that cannot exist (the .invalid top-level domain): its badge cannot be checked.
const UNREACHABLE = "https://badges.unreachable.invalid/c/8c1f";

const report = (page: Page) => page.getByTestId("verification-report");
const CHECK_KEYS: Record<string, string> = { Signature: "proof", Format: "schema", Dates: "dates", Status: "status", Issuer: "issuer", Firma: "proof" };
const checkState = (page: Page, name: string) => report(page).locator(`[data-testid="verification-check"][data-check="${CHECK_KEYS[name]}"]`);

test("anyone verifies a badge by file, by paste and by link, and reads each verdict", async ({ page, a11y }) => {
  test.setTimeout(150_000);
  await page.goto("/verify");
  await expect(page.getByRole("heading", { level: 1, name: "Verify any badge" })).toBeVisible();
  await a11y.check();

  // A baked badge image: valid, check by check, and nothing fetched (did:key, no status list).
  await page.getByLabel("Badge image or credential file").setInputFiles({ name: "teamwork.png", mimeType: "image/png", buffer: bakedBadge });
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "valid");
  await expect(report(page).getByRole("status").first()).toContainText("Verified");
  await expect(report(page).getByTestId("verification-check")).toHaveCount(5);
  for (const name of ["Signature", "Format", "Dates", "Status", "Issuer"]) await expect(checkState(page, name)).toHaveAttribute("data-state", "passed");
  await expect(report(page)).toContainText("The issuer's signature is intact");
  await expect(report(page)).toContainText("Nothing: everything needed was in the badge itself.");
  await a11y.check();

  // A forged copy, pasted: invalid, and the signature is why.
  await page.getByRole("tab", { name: "Paste" }).click();
  await page.getByLabel("The credential", { exact: true }).fill(JSON.stringify(forged));
  await page.getByRole("tabpanel", { name: "Paste" }).getByRole("button", { name: "Verify" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "invalid");
  await expect(report(page)).toContainText("Not valid");
  await expect(checkState(page, "Signature")).toHaveAttribute("data-state", "failed");
  await expect(checkState(page, "Signature")).toContainText("The signature does not match the content");
  await a11y.check();

  // Text that is no badge: unreadable.
  await page.getByLabel("The credential", { exact: true }).fill("hello, this is not a badge");
  await page.getByRole("tabpanel", { name: "Paste" }).getByRole("button", { name: "Verify" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "unreadable");
  await expect(report(page)).toContainText("Not a badge we can read");

  // A link whose server does not answer: couldn't be checked, never "not valid"; a retry and a permalink.
  await page.getByRole("tab", { name: "Link" }).click();
  await page.getByLabel("Link to the badge").fill(UNREACHABLE);
  await page.getByRole("tabpanel", { name: "Link" }).getByRole("button", { name: "Verify" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "indeterminate");
  await expect(report(page)).toContainText("Couldn't be checked");
  await expect(report(page).getByTestId("verification-error")).toHaveText("The server at that address did not answer.");
  await expect(report(page).getByTestId("verification-fetched")).toContainText(UNREACHABLE);
  await expect(report(page).getByRole("button", { name: "Check again" })).toBeVisible();
  await a11y.check();
  await report(page).getByRole("button", { name: "Check again" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "indeterminate");

  // The permalink checks the same link again when opened, server-rendered.
  await report(page).getByTestId("verification-permalink").click();
  await expect(page).toHaveURL(new RegExp(`/verify\\?url=${encodeURIComponent(UNREACHABLE).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await expect(report(page)).toHaveAttribute("data-verdict", "indeterminate");
  await expect(page.getByLabel("Link to the badge")).toHaveValue(UNREACHABLE);
  // Every public page leads here.
  await expect(page.getByRole("contentinfo").getByRole("link", { name: "Verify any badge" })).toHaveAttribute("href", "/verify");
});

test("the verifier speaks Spanish to a Spanish browser, verdicts and checks included", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "es-ES", extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/verify");
  await expect(page.getByRole("heading", { level: 1, name: "Verificar cualquier insignia" })).toBeVisible();
  await page.getByRole("tab", { name: "Pegar" }).click();
  await page.getByLabel("La credencial", { exact: true }).fill(credentialText);
  await page.getByRole("tabpanel", { name: "Pegar" }).getByRole("button", { name: "Verificar" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "valid");
  await expect(report(page)).toContainText("Verificada");
  await expect(checkState(page, "Firma")).toContainText("La firma del emisor está intacta");
  await createA11y(page, test.info()).check();

  await page.getByLabel("La credencial", { exact: true }).fill(JSON.stringify(forged));
  await page.getByRole("tabpanel", { name: "Pegar" }).getByRole("button", { name: "Verificar" }).click();
  await expect(report(page)).toHaveAttribute("data-verdict", "invalid");
  await expect(report(page)).toContainText("No es válida");

  await page.goto(`/verify?url=${encodeURIComponent(UNREACHABLE)}`);
  await expect(report(page)).toContainText("No se pudo comprobar");
  await expect(report(page).getByRole("button", { name: "Comprobar de nuevo" })).toBeVisible();
  await createA11y(page, test.info()).check();
  await context.close();
});
