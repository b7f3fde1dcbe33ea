import type { Locator } from "@playwright/test";
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
