import type { Locator, Page } from "@playwright/test";
import { pixelDifference, readPdfPage } from "../lib/design/test/certificate-pages.ts";
import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, designAchievement, signUp } from "./support/flows.ts";

/** The colour the preview image shows at (x, y) of its 600×600 drawing, read from the picture itself. */
function colourAt(image: Locator, x: number, y: number): Promise<string> {
  return image.evaluate(async (img: HTMLImageElement, [px, py]) => {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = 600;
    canvas.height = 600;
    const context = canvas.getContext("2d")!;
    context.drawImage(img, 0, 0, 600, 600);
    const [r, g, b] = context.getImageData(px, py, 1, 1).data;
    return `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  }, [x, y] as const);
}

test("an admin picks a template from the gallery and the designer's preview shows it at once; the certificate's layout and paper are chosen with a live preview", async ({ page, a11y }) => {
  const org = { name: uniqueName("Gallery Academy"), slug: uniqueSlug("gallery") };
  await signUp(page, { name: "Gale Designer", email: uniqueEmail("gale") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/achievements`);
  await page.getByRole("link", { name: "Browse templates" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Badge templates" })).toBeVisible();
  const cards = page.getByTestId("template-card");
  expect(await cards.count()).toBeGreaterThanOrEqual(12);
  // Every template is shown as the badge it makes, drawn by the badge renderer.
  await expect(page.getByTestId("template-thumbnail")).toHaveCount(await cards.count());
  await expect(page.getByRole("img", { name: "The Gold rosette template as a badge" })).toHaveAttribute("src", /^blob:/);
  await a11y.check();

  await page.getByRole("link", { name: /^Use this template ?: Gold rosette$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/achievements/new\\?template=gold-rosette$`));
  await expect(page.getByText("Template “Gold rosette” applied.")).toBeVisible();
  // The designer holds the template: its shape, colours and ribbon…
  await expect(page.getByRole("radio", { name: "Rosette" })).toBeChecked();
  await expect(page.getByLabel("Main colour", { exact: true })).toHaveValue("#1e3a8a");
  await expect(page.getByLabel("Accent colour", { exact: true })).toHaveValue("#e0a800");
  await expect(page.getByLabel("Ribbon label")).toHaveValue(String(new Date().getFullYear()));
  // …and "Automatic" text shows the white the badge really uses on navy, not black.
  await expect(page.getByLabel("Pick the Text and icon colour")).toHaveValue("#ffffff");
  // …and the preview is the rosette in navy: the face left of the text is navy, the corner outside the rosette empty.
  const preview = page.getByTestId("badge-preview");
  await expect(preview).toHaveAttribute("src", /^blob:/);
  await expect.poll(() => colourAt(preview, 110, 250)).toBe("#1e3a8a");
  // The gold ribbon crosses the rosette (y 330–400), under the year.
  await expect.poll(() => colourAt(preview, 100, 345)).toBe("#e0a800");
  await a11y.check();

  // The certificate: a layout and a paper, previewed as they are chosen.
  await page.getByLabel("Offer a certificate").check();
  const certificate = page.getByTestId("certificate-preview");
  await expect(certificate).toHaveAttribute("data-layout", "classic");
  await page.getByLabel("Layout", { exact: true }).selectOption("minimal");
  await page.getByLabel("Paper size").selectOption("Letter");
  await expect(certificate).toHaveAttribute("data-layout", "minimal");
  await expect(certificate).toHaveAttribute("data-paper", "Letter");
  // Minimal is portrait: the preview is taller than wide, in US Letter's proportions.
  const ratio = await certificate.evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    return img.naturalHeight / img.naturalWidth;
  });
  expect(ratio).toBeCloseTo(792 / 612, 2);
  await a11y.check();

  await page.getByLabel("Name", { exact: true }).fill("Regional Science Fair Gold Award");
  await page.getByLabel("Description", { exact: true }).fill("Won gold at the regional science fair.");
  await page.getByLabel("Criteria", { exact: true }).fill("Place first in a category.");
  await page.getByLabel("Title on the badge").fill("Science Fair Gold");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;

  // Saved as chosen: editing shows the same layout and paper.
  await page.goto(`/dashboard/${org.slug}/achievements/${id}/edit`);
  await expect(page.getByLabel("Layout", { exact: true })).toHaveValue("minimal");
  await expect(page.getByLabel("Paper size")).toHaveValue("Letter");

  // A template for an existing achievement: a new design for its next version, title kept.
  await page.getByRole("link", { name: "Browse templates" }).click();
  await expect(page).toHaveURL(new RegExp(`/achievements/templates\\?achievement=${id}$`));
  await page.getByRole("link", { name: /^Use this template ?: Midnight code$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/achievements/${id}/edit\\?template=midnight-code$`));
  await expect(page.getByRole("radio", { name: "Hexagon" })).toBeChecked();
  await expect(page.getByLabel("Title on the badge")).toHaveValue("Science Fair Gold");
  await expect.poll(() => colourAt(page.getByTestId("badge-preview"), 80, 300)).toBe("#111827");

  // The achievements list gives a long name the card's width: shown whole, not cut.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/dashboard/${org.slug}/achievements`);
  const name = page.getByTestId("achievement-card").getByRole("heading", { name: "Regional Science Fair Gold Award" });
  await expect(name).toBeVisible();
  expect(await name.evaluate((h) => h.scrollHeight <= h.clientHeight + 1)).toBe(true);
  const [nameBox, cardBox] = [await name.boundingBox(), await page.getByTestId("achievement-card").first().boundingBox()];
  // From beside the 80 px badge to the card's padding: the whole remaining width.
  expect(nameBox!.x + nameBox!.width).toBeGreaterThan(cardBox!.x + cardBox!.width - 24);
});

test("the template gallery and the certificate designer speak Spanish", async ({ page, baseURL, a11y }) => {
  const org = { name: uniqueName("Academia Galería"), slug: uniqueSlug("galeria") };
  await signUp(page, { name: "Gala Diseñadora", email: uniqueEmail("gala") });
  await createOrganization(page, org);
  await designAchievement(page, org.slug, { name: "Ciencia de datos", description: "Analiza datos.", criteria: "Aprueba el examen." });
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "es", url: baseURL! }]);

  await page.goto(`/dashboard/${org.slug}/achievements/templates`);
  await expect(page.getByRole("heading", { level: 1, name: "Plantillas de insignias" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Escarapela dorada" })).toBeVisible();
  await expect(page.getByText("Con los colores de tu marca").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "La plantilla Hoja verde como insignia" })).toHaveAttribute("src", /^blob:/);
  await a11y.check();

  await page.getByRole("link", { name: /^Usar esta plantilla ?: Hoja verde$/ }).click();
  await expect(page.getByText("Plantilla «Hoja verde» aplicada.")).toBeVisible();
  await expect(page.getByTestId("badge-preview")).toHaveAttribute("src", /^blob:/);
  await a11y.check();

  // The certificate's layout designer, in Spanish, with its live preview.
  await page.getByLabel("Ofrecer un certificado").check();
  const layout = page.getByLabel("Composición", { exact: true });
  await layout.selectOption("minimal");
  await expect(layout.locator("option:checked")).toHaveText("Mínima (vertical)");
  await page.getByLabel("Tamaño de papel").selectOption("Letter");
  const certificate = page.getByTestId("certificate-preview");
  await expect(certificate).toHaveAttribute("data-layout", "minimal");
  await expect(certificate).toHaveAttribute("data-paper", "Letter");
  await expect(certificate).toHaveAccessibleName("Vista previa del certificado con la composición y el tamaño de papel elegidos");
  await expect(page.getByText("El certificado de un estudiante de ejemplo, tal como se imprimirá en Carta EE. UU.")).toBeVisible();
  await a11y.check();
});

/** Issues the organization's achievement from the Issue page and returns the credential's public page (path). */
async function issueCredential(page: Page, orgSlug: string, recipient: { email: string; name: string }): Promise<string> {
  await page.goto(`/dashboard/${orgSlug}/issue`);
  await page.getByLabel("Recipient's email").fill(recipient.email);
  await page.getByLabel("Recipient's name").fill(recipient.name);
  await page.getByRole("button", { name: "Issue credential" }).click();
  await expect(page.getByText(`Credential issued to ${recipient.email}.`)).toBeVisible();
  return new URL((await page.getByRole("link", { name: "View its public page" }).getAttribute("href"))!, page.url()).pathname;
}

/** The certificate PDF offered on a credential's public page, fetched as its link gives it. */
async function downloadCertificate(page: Page, credentialPath: string): Promise<Uint8Array> {
  await page.goto(credentialPath);
  const link = page.getByRole("link", { name: "Certificate (PDF)" });
  await expect(link).toHaveAttribute("href", `${credentialPath}/certificate.pdf`);
  const response = await page.request.get((await link.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  return new Uint8Array(await response.body());
}

/** Switches the achievement's certificate from one layout to another in its designer and saves it as the next version. */
async function switchLayout(page: Page, orgSlug: string, achievementId: string, { from, to, version }: { from: string; to: string; version: number }) {
  await page.goto(`/dashboard/${orgSlug}/achievements/${achievementId}/edit`);
  // The designer shows the saved layout first (its preview drawn, so the page is live), then the new one.
  const preview = page.getByTestId("certificate-preview");
  await expect(preview).toHaveAttribute("data-layout", from);
  await page.getByLabel("Layout", { exact: true }).selectOption(to);
  await expect(preview).toHaveAttribute("data-layout", to);
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText(`Saved. This is now version ${version}.`)).toBeVisible();
}

// A4 in points: classic and modern are landscape, minimal portrait.
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };
const A4_PORTRAIT = { width: 595.28, height: 841.89 };

test("a layout switched in the certificate designer reaches the PDF of credentials issued after it, while a credential issued before keeps its certificate", async ({ page }) => {
  // Four credentials issued and five certificates rendered, on two shared cores.
  test.setTimeout(240_000);
  const org = { name: uniqueName("Harbour Institute"), slug: uniqueSlug("harbour") };
  const achievement = "Harbour Safety";
  await signUp(page, { name: "Cora Certifier", email: uniqueEmail("cora") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/achievements/new`);
  await page.getByLabel("Name", { exact: true }).fill(achievement);
  await page.getByLabel("Description", { exact: true }).fill("Keeps the quays safe.");
  await page.getByLabel("Criteria", { exact: true }).fill("Pass the safety drill.");
  await page.getByLabel("Offer a certificate").check();
  await expect(page.getByLabel("Layout", { exact: true })).toHaveValue("classic");
  await expect(page.getByLabel("Paper size")).toHaveValue("A4");
  await page.getByLabel("Signer 1: name").fill("Ada Director");
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
  const achievementId = new URL(page.url()).pathname.split("/").pop()!;

  // Issued under the classic layout: its certificate is landscape and names the learner and the achievement.
  const first = await issueCredential(page, org.slug, { email: uniqueEmail("lee"), name: "Lee Learner" });
  const classic = readPdfPage(await downloadCertificate(page, first));
  expect(classic.width).toBeCloseTo(A4_LANDSCAPE.width, 1);
  expect(classic.height).toBeCloseTo(A4_LANDSCAPE.height, 1);

  // Modern from now on: credentials issued after the switch get the new layout.
  await switchLayout(page, org.slug, achievementId, { from: "classic", to: "modern", version: 2 });
  const second = await issueCredential(page, org.slug, { email: uniqueEmail("lee"), name: "Lee Learner" });
  const third = await issueCredential(page, org.slug, { email: uniqueEmail("lee"), name: "Lee Learner" });
  const modern = readPdfPage(await downloadCertificate(page, second));
  const modernAgain = readPdfPage(await downloadCertificate(page, third));
  expect(modern.width).toBeCloseTo(A4_LANDSCAPE.width, 1);
  expect(modern.height).toBeCloseTo(A4_LANDSCAPE.height, 1);
  // The same landscape page drawn another way: most of it changes.
  expect(pixelDifference(classic.png, modern.png)).toBeGreaterThan(0.15);
  // Two credentials in one layout differ only in their QR codes and links.
  expect(pixelDifference(modern.png, modernAgain.png)).toBeLessThan(0.03);
  // The credential issued before the switch keeps the certificate it was issued with.
  const classicAfterSwitch = readPdfPage(await downloadCertificate(page, first));
  expect(pixelDifference(classic.png, classicAfterSwitch.png)).toBeLessThan(0.01);

  // Minimal: a portrait page.
  await switchLayout(page, org.slug, achievementId, { from: "modern", to: "minimal", version: 3 });
  const fourth = await issueCredential(page, org.slug, { email: uniqueEmail("lee"), name: "Lee Learner" });
  const minimal = readPdfPage(await downloadCertificate(page, fourth));
  expect(minimal.width).toBeCloseTo(A4_PORTRAIT.width, 1);
  expect(minimal.height).toBeCloseTo(A4_PORTRAIT.height, 1);

  // Every certificate reads back the learner's name and the achievement's.
  for (const certificate of [classic, modern, modernAgain, classicAfterSwitch, minimal]) {
    expect(certificate.text).toContain("Lee Learner");
    expect(certificate.text).toContain(achievement);
  }
});
