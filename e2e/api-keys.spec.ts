import { expect, test, uniqueEmail, uniqueName, uniqueSlug } from "./support/fixtures.ts";
import { createOrganization, signUp } from "./support/flows.ts";

test("an admin creates an API key, copies it, uses it, revokes it, and the API refuses it after", async ({ page, context, request, a11y }) => {
  const org = { name: uniqueName("API Academy"), slug: uniqueSlug("api") };
  await signUp(page, { name: "Ada Admin", email: uniqueEmail("ada") });
  await createOrganization(page, org);

  await page.goto(`/dashboard/${org.slug}/api-keys`);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();
  await a11y.check();

  await page.getByLabel("Name").fill("LMS integration");
  await page.getByRole("checkbox", { name: /achievements:write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("you won't see it again")).toBeVisible();

  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Copy key" }).click();
  await expect(page.getByText("Copied to the clipboard.")).toBeVisible();
  const key = await page.evaluate(() => navigator.clipboard.readText());
  expect(key).toMatch(/^lrl_live_[0-9A-Za-z]{32}$/);
  await expect(page.getByLabel("API key", { exact: true })).toHaveValue(key);
  await a11y.check();

  const row = page.getByTestId("api-key-row").filter({ hasText: "LMS integration" });
  await expect(row).toContainText(key.slice(0, 13));
  await expect(row).toContainText("achievements:write");

  const headers = { Authorization: `Bearer ${key}` };
  const created = await request.post("/api/v1/achievements", {
    headers,
    data: { name: "Automated Badge", description: "Issued by the LMS.", criteria: { narrative: "Finish the course." } },
  });
  expect(created.status()).toBe(201);
  const achievement = await created.json();
  expect(achievement.url).toMatch(new RegExp(`/b/${achievement.id}$`));

  // The key was used: the page says so, and the key itself never appears again.
  await page.reload();
  await expect(row).not.toContainText("Never");
  await expect(page.getByText(key)).toHaveCount(0);

  page.on("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Revoke the key LMS integration" }).click();
  await expect(row).toContainText("Revoked");

  const refused = await request.get("/api/v1/achievements", { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthorized");
});

test("the API reference is public, readable and generated from the OpenAPI document", async ({ page, request, a11y }) => {
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "REST API reference" })).toBeVisible();
  const document = await (await request.get("/api/v1/openapi.json")).json();
  for (const [path, methods] of Object.entries(document.paths as Record<string, object>)) {
    for (const method of Object.keys(methods)) {
      await expect(page.getByRole("heading", { level: 3, name: `${method.toUpperCase()} ${path}`, exact: true })).toBeVisible();
    }
  }
  await a11y.check();
});
