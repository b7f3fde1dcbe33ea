import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

test("an admin designs a badge from a template with a live preview, saves it, and its public page and image answer", async ({ page, request, a11y }) => {
  const org = { name: uniqueName("Design Academy"), slug: uniqueSlug("design") };
  await signUp(page, { name: "Dana Designer", email: uniqueEmail("dana") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/achievements`);
  await expect(page.getByRole("heading", { name: "No achievements yet" })).toBeVisible();
  await a11y.check();
  await page.getByRole("link", { name: "New achievement" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New achievement" })).toBeVisible();

  // Nothing is saved while a field is wrong; the error sits beside its field.
  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page.getByText("Some fields need your attention. Nothing was saved.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Name", { exact: true }).fill("Data Storyteller");
  await page.getByLabel("Description", { exact: true }).fill("Turns numbers into stories people act on.");
  await page.getByLabel("Criteria", { exact: true }).fill("Publish **three** data stories.");
  await page.getByLabel("Skills and tags").fill("data, storytelling");

  const preview = page.getByTestId("badge-preview");
  await expect(preview).toHaveAttribute("src", /^blob:/);
  const first = await preview.getAttribute("src");
  await page.locator("label").filter({ hasText: /^Shield$/ }).click();
  await page.getByLabel("Main colour", { exact: true }).fill("#7c3aed");
  await page.getByTitle("trophy", { exact: true }).click();
  await page.getByLabel("Title on the badge").fill("Storyteller");
  await page.getByLabel("Ribbon label").fill("2026");
  // The preview is re-rendered by the server after the edits settle.
  await expect(preview).not.toHaveAttribute("src", first!);
  await expect(page.getByText("Live preview: exactly what credentials will show.")).toBeVisible();
  await a11y.check();

  await page.getByRole("button", { name: "Create achievement" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${org.slug}/achievements/[a-z0-9]+\\?saved=1$`));
  await expect(page.getByText("Saved. This is now version 1.")).toBeVisible();
  const id = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto(`/dashboard/${org.slug}/achievements`);
  await expect(page.getByTestId("achievement-card").filter({ hasText: "Data Storyteller" })).toBeVisible();

  await page.goto(`/b/${id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Data Storyteller" })).toBeVisible();

  const image = await request.get(`/b/${id}/v/1/image.png`);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/png");
  expect(image.headers()["cache-control"]).toContain("immutable");
  const png = await image.body();
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(600);

  const svg = await request.get(`/b/${id}/v/1/image.svg`);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(svg.headers()["content-security-policy"]).toContain("default-src 'none'");
  // A version that does not exist yet has no image.
  expect((await request.get(`/b/${id}/v/2/image.png`)).status()).toBe(404);

  // An edit is a new version; version 1's image keeps answering for credentials issued with it.
  await page.goto(`/dashboard/${org.slug}/achievements/${id}`);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByLabel("Title on the badge")).toHaveValue("Storyteller");
  await page.getByLabel("Name", { exact: true }).fill("Data Storyteller II");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Saved. This is now version 2.")).toBeVisible();
  await expect(page.getByTestId("version-row")).toHaveCount(2);
  await a11y.check();
  expect((await request.get(`/b/${id}/v/1/image.png`)).status()).toBe(200);
  expect((await request.get(`/b/${id}/v/2/image.png`)).status()).toBe(200);

  // Archived achievements leave the active list.
  page.on("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Archive" }).click();
  await expect(page.getByText("This achievement is archived: it cannot be issued.")).toBeVisible();
  await page.goto(`/dashboard/${org.slug}/achievements`);
  await expect(page.getByTestId("achievement-card")).toHaveCount(0);
  await page.getByRole("link", { name: "Archived" }).click();
  await expect(page.getByTestId("achievement-card").filter({ hasText: "Data Storyteller II" })).toBeVisible();
});
